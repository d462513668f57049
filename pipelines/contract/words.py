"""The one message catalogue: every word the product shows, in Italian (the default) and
English: the dashboard's text, the weekly review's, the names of label ids, column
headers and metric definitions (the headline KPIs' names and definitions are the KPI
registry's, kpis.py). Numbers and dates are formatted by pipelines/outputs/formatting.py
(Babel). A missing key falls back to the key itself; a test checks both languages have
the same keys."""
from __future__ import annotations

from pipelines.contract.kpis import KPIS

LANGUAGES = {"it": "Italiano", "en": "English"}

TEXTS = {
    "it": {
        "app_title": "Scorecard customer care social",
        "filters": "Filtri",
        "period": "Periodo",
        "operators": "Operatori",
        "channels": "Canali",
        "categories": "Categorie",
        "sentiment": "Sentiment del primo messaggio",
        "definitions": "Definizioni",
        "business_hours": "Orario di servizio (non calendario)",
        "questions_only": "Solo conversazioni aperte da una domanda",
        "exclude_outages": "Escludi i giorni di disservizio",
        "exclude_partial": "Escludi le conversazioni parziali",
        "exclude_partial_help": "Parziale: la conversazione risponde a un post che non è nei dati (fuori "
                                "dall'export). Di norma è inclusa: risposta se l'operatore risponde, tempo di "
                                "prima risposta dal primo messaggio del cliente che abbiamo.",
        "open_demo": "Demo locale senza accesso: chiunque raggiunga questo indirizzo vede i dati.",
        "no_warehouse": "Nessun warehouse in `{db}`. Crealo con `make run` oppure `python -m pipelines demo`.",
        "rebuilding": "Il warehouse è in aggiornamento: riprova tra qualche secondo.",
        "outdated": "Il warehouse `{db}` è stato costruito da una versione precedente: aggiornalo con "
                    "`python -m pipelines build` (o `make run`).",
        "empty": "Nessuna conversazione con questi filtri. Allarga il periodo o togli qualche filtro.",
        "set_by_analyst": "etichette corrette da un analista",
        "page_labels": "Revisione etichette",
        "labels_intro": "Controlla le etichette del modello dove è meno sicuro: per ogni messaggio conferma o "
                        "cambia ciascuna etichetta, poi salva. Le correzioni valgono dalla prossima build "
                        "(`python -m pipelines build`) e il modello le impara al prossimo `python -m models train`.",
        "labels_keys": "Tastiera: Tab per spostarti tra le etichette, Spazio per sceglierne una, Invio per salvare, "
                       "S per saltare.",
        "labels_order": "Quali messaggi",
        "labels_least_sure": "Prima i meno sicuri",
        "labels_sample": "Campione casuale (per misurare il modello)",
        "labels_progress": "{done} di {total} rivisti in questa sessione (confermati: {confirmed}, corretti: "
                           "{changed}, saltati: {skipped})",
        "labels_agreement": "Nel campione casuale rivisto finora il modello aveva ragione su: {scores}",
        "labels_all_done": "Tutti i messaggi di questa selezione sono stati rivisti. Le correzioni si vedono dopo la "
                           "prossima build.",
        "labels_none": "Nessuna conversazione con questi filtri ha messaggi da rivedere.",
        "labels_message": "Messaggio da rivedere",
        "labels_thread": "La conversazione",
        "labels_model": "modello: {label} ({confidence})",
        "labels_save": "Salva e avanti",
        "labels_skip": "Salta",
        "labels_saved": "Salvato: {changes}.",
        "labels_confirmed_all": "etichette confermate",
        "labels_no_label": "Nessuno",
        "labels_analysts_only": "Solo gli analisti possono correggere le etichette.",
        "labels_this_one": "questo messaggio",
        "labels_whole_thread": "Tutta la conversazione ({n} messaggi)",
        "intervals_rest_on": "Gli intervalli al 95 % delle cifre che vengono dalle etichette si basano sugli errori del "
                             "modello su dati etichettati tenuti da parte: {tasks}. Più correzioni (Revisione "
                             "etichette, campione casuale) li rendono più fedeli ai vostri dati.",
        "intervals_task": "{task} {n} esempi, di cui {corrections} vostre correzioni",
        "intervals_none": "Il modello che ha etichettato questo warehouse non ha conservato i suoi errori: le cifre "
                          "non hanno intervalli. Riaddestralo (`python -m models train`) e lancia una build.",
        "recent_corrections": "Correzioni delle etichette",
        "no_corrections": "Nessuna correzione finora.",
        "page_scorecard": "Scorecard",
        "page_speed": "Velocità di risposta",
        "page_escalation": "Escalation e risoluzione",
        "page_churn": "Segnali di abbandono",
        "page_topics": "Temi e sentiment",
        "page_conversations": "Conversazioni",
        "page_export": "Esporta",
        "page_data": "Dati e modello",
        "page_review": "Revisione settimanale",
        "operator": "Operatore",
        "rank": "Posizione",
        "frt_p90_min": "Prima risposta (p90, min)",
        "conversations": "Conversazioni",
        "trend": "Andamento",
        "vs_previous": "rispetto al periodo precedente",
        "headline_none": "Nessun cambiamento rilevante rispetto al periodo precedente.",
        "who_leads": "Chi è in testa su ogni indicatore (il migliore in alto; n = la base del tasso)",
        "headline": "{operator}: {metric} {direction} di {delta} rispetto al periodo precedente ({before} → {after}).",
        "up": "sale", "down": "scende",
        "small_sample": "campione piccolo (n = {n})",
        "week": "Settimana",
        "minutes": "minuti",
        "frt_distribution": "Chi risponde più in fretta: distribuzione del tempo di prima risposta",
        "frt_trend": "Tempo di prima risposta per settimana (mediana e p90)",
        "sla_trend": "Quota di risposte entro {sla} minuti",
        "heatmap_customers": "Quando scrivono i clienti",
        "heatmap_operators": "Quando rispondono gli operatori",
        "funnel": "Dall'apertura alla risoluzione",
        "opened": "Aperte", "answered": "Con risposta", "escalated": "Escalation",
        "resolved": "Risolte", "failed": "Fallite", "unknown": "Esito ignoto",
        "resolution_time": "Tempo di risoluzione (ore)",
        "deflection_rate": "Rimandati altrove",
        "repeated_data_request_rate": "Dati chiesti due volte",
        "failure_stories": "Le storie dietro i fallimenti",
        "churn_trend": "Segnali di abbandono per settimana",
        "churn_split": "Minacce, passaggi annunciati, disdette",
        "churn_flows": "Verso chi vanno i clienti",
        "churn_by_category": "Segnali di abbandono per tema",
        "churn_conversations": "Le conversazioni dietro i segnali",
        "category_mix": "Di cosa si lamentano i clienti",
        "sentiment_by_category": "Sentiment netto per tema",
        "recovery": "Conversazioni partite negative e chiuse bene",
        "volume_timeline": "Volume giornaliero (▲ giorni di disservizio)",
        "search": "Cerca nel testo",
        "thread": "Conversazione completa",
        "customer": "Cliente",
        "export_what": "Cosa esportare",
        "export_conversations": "Conversazioni (una riga ciascuna, tutte le metriche)",
        "export_messages": "Messaggi",
        "export_weekly": "Metriche settimanali",
        "export_format": "Formato",
        "export_rows": "{n} righe con i filtri: {filters}",
        "download": "Scarica",
        "loads": "Caricamenti",
        "rejects": "Righe scartate",
        "no_rejects": "Nessuna riga scartata.",
        "no_exports": "Nessuna esportazione registrata.",
        "metric": "Metrica", "definition": "Definizione",
        "reject_rows": "Le righe scartate (ultime 500; già oscurate e pseudonimizzate)",
        "freshness": "Ultimo messaggio: {last}; ultimo caricamento: {load}",
        "partial_count": "Conversazioni parziali (rispondono a un post fuori dai dati): {partial} su {total}; "
                         "incluse nelle metriche, salvo il filtro «Escludi le conversazioni parziali».",
        "model": "Modello",
        "definitions_text": "Definizioni delle metriche",
        "no_model_card": "Nessuna model card: `python -m models evaluate`.",
        "from_chart": "Filtro dal grafico",
        "drill_link": "Apri le conversazioni: {operator}, settimana del {week}",
        "legend": "verde = migliora, rosso = peggiora, grigio = campione troppo piccolo o cambiamento entro gli intervalli al 95 % (campione e classificatore)",
        "sign_in": "Accedi", "password": "Password", "wrong_password": "Password errata.",
        "signed_in": "Accesso: {name} ({role})", "analyst_only": "Testi ed esportazioni sono riservati al ruolo analyst.",
        "audit": "Esportazioni registrate",
    },
    "en": {
        "app_title": "Social customer care scorecard",
        "filters": "Filters",
        "period": "Period",
        "operators": "Operators",
        "channels": "Channels",
        "categories": "Categories",
        "sentiment": "Sentiment of the first post",
        "definitions": "Definitions",
        "business_hours": "Business hours (not calendar)",
        "questions_only": "Only conversations opened by a question",
        "exclude_outages": "Leave out outage days",
        "exclude_partial": "Leave out partial conversations",
        "exclude_partial_help": "Partial: the conversation answers a post that is not in the data (outside "
                                "the export). Included by default: answered when the operator replies, first "
                                "response time from the first customer message we have.",
        "open_demo": "Local demo with no sign-in: anyone who reaches this address sees the data.",
        "no_warehouse": "No warehouse at `{db}`. Build it with `make run` or `python -m pipelines demo`.",
        "rebuilding": "The warehouse is being updated: try again in a few seconds.",
        "outdated": "The warehouse `{db}` was built by an earlier version: bring it up to date with "
                    "`python -m pipelines build` (or `make run`).",
        "empty": "No conversations match these filters. Widen the period or remove a filter.",
        "set_by_analyst": "labels corrected by an analyst",
        "page_labels": "Label review",
        "labels_intro": "Check the model's labels where it is least sure: for each message confirm or change every "
                        "label, then save. Corrections count from the next build (`python -m pipelines build`) and "
                        "the model learns them at the next `python -m models train`.",
        "labels_keys": "Keyboard: Tab moves between labels, Space picks one, Enter saves, S skips.",
        "labels_order": "Which messages",
        "labels_least_sure": "Least sure first",
        "labels_sample": "Random sample (to measure the model)",
        "labels_progress": "{done} of {total} reviewed this session (confirmed: {confirmed}, corrected: {changed}, "
                           "skipped: {skipped})",
        "labels_agreement": "In the random sample reviewed so far the model was right on: {scores}",
        "labels_all_done": "Every message of this selection has been reviewed. Corrections show after the next build.",
        "labels_none": "No conversation with these filters has messages to review.",
        "labels_message": "Message to review",
        "labels_thread": "The conversation",
        "labels_model": "model: {label} ({confidence})",
        "labels_save": "Save and next",
        "labels_skip": "Skip",
        "labels_saved": "Saved: {changes}.",
        "labels_confirmed_all": "labels confirmed",
        "labels_no_label": "None",
        "labels_analysts_only": "Only analysts can correct labels.",
        "labels_this_one": "this message",
        "labels_whole_thread": "The whole conversation ({n} messages)",
        "intervals_rest_on": "The 95 % intervals of the figures that come from labels rest on the model's errors on "
                             "held-out labelled data: {tasks}. More corrections (Label review, random sample) make "
                             "them truer to your data.",
        "intervals_task": "{task} {n} examples, {corrections} of them your corrections",
        "intervals_none": "The model that labelled this warehouse kept no record of its errors: the figures carry no "
                          "intervals. Retrain it (`python -m models train`) and run a build.",
        "recent_corrections": "Label corrections",
        "no_corrections": "No corrections yet.",
        "page_scorecard": "Scorecard",
        "page_speed": "Reply speed",
        "page_escalation": "Escalation & resolution",
        "page_churn": "Churn signals",
        "page_topics": "Topics & sentiment",
        "page_conversations": "Conversations",
        "page_export": "Export",
        "page_data": "Data & model",
        "page_review": "Weekly review",
        "operator": "Operator",
        "rank": "Rank",
        "frt_p90_min": "First response (p90, min)",
        "conversations": "Conversations",
        "trend": "Trend",
        "vs_previous": "vs previous period",
        "headline_none": "No notable change against the previous period.",
        "who_leads": "Who leads on each indicator (best on top; n = what the rate rests on)",
        "headline": "{operator}: {metric} {direction} by {delta} against the previous period ({before} → {after}).",
        "up": "rises", "down": "falls",
        "small_sample": "small sample (n = {n})",
        "week": "Week",
        "minutes": "minutes",
        "frt_distribution": "Who answers fastest: first response time distribution",
        "frt_trend": "First response time by week (median and p90)",
        "sla_trend": "Share answered within {sla} minutes",
        "heatmap_customers": "When customers write",
        "heatmap_operators": "When operators answer",
        "funnel": "From opened to resolved",
        "opened": "Opened", "answered": "Answered", "escalated": "Escalated",
        "resolved": "Resolved", "failed": "Failed", "unknown": "Outcome unknown",
        "resolution_time": "Resolution time (hours)",
        "deflection_rate": "Sent elsewhere",
        "repeated_data_request_rate": "Data asked twice",
        "failure_stories": "The stories behind the failures",
        "churn_trend": "Churn signals by week",
        "churn_split": "Threats, announced switches, cancellations",
        "churn_flows": "Where customers go",
        "churn_by_category": "Churn signals by topic",
        "churn_conversations": "The conversations behind the signals",
        "category_mix": "What customers complain about",
        "sentiment_by_category": "Net sentiment by topic",
        "recovery": "Conversations that started negative and ended well",
        "volume_timeline": "Daily volume (▲ outage days)",
        "search": "Search the text",
        "thread": "Whole conversation",
        "customer": "Customer",
        "export_what": "What to export",
        "export_conversations": "Conversations (one row each, every metric)",
        "export_messages": "Messages",
        "export_weekly": "Weekly metrics",
        "export_format": "Format",
        "export_rows": "{n} rows with the filters: {filters}",
        "download": "Download",
        "loads": "Loads",
        "rejects": "Rejected rows",
        "no_rejects": "No rejected rows.",
        "no_exports": "No recorded exports.",
        "metric": "Metric", "definition": "Definition",
        "reject_rows": "The rejected rows (latest 500; already redacted and pseudonymised)",
        "freshness": "Latest message: {last}; latest load: {load}",
        "partial_count": "Partial conversations (answering a post outside the data): {partial} of {total}; "
                         "included in the metrics unless the filter «Leave out partial conversations» is on.",
        "model": "Model",
        "definitions_text": "Metric definitions",
        "no_model_card": "No model card: `python -m models evaluate`.",
        "from_chart": "Filter from the chart",
        "drill_link": "Open the conversations: {operator}, week of {week}",
        "legend": "green = better, red = worse, grey = sample too small, or a change within the 95 % intervals (sample and classifier)",
        "sign_in": "Sign in", "password": "Password", "wrong_password": "Wrong password.",
        "signed_in": "Signed in: {name} ({role})", "analyst_only": "Texts and exports are for the analyst role.",
        "audit": "Recorded exports",
    },
}

# the weekly review (HTML and PDF)
_REVIEW = {
    "it": {
        "title": "Revisione settimanale del customer care social", "week": "Settimana",
        "generated": "Generata il", "kpis": "Indicatori per operatore", "rank_short": "Pos.", "operator": "Operatore",
        "conversations_short": "Conv.",
        "vs": "vs settimana scorsa / media 4 settimane", "movers": "Cosa è cambiato",
        "no_movers": "Nessun cambiamento rispetto alla settimana scorsa è abbastanza grande, dato il numero di conversazioni, da essere certo.",
        "mover": "{op}: {metric} {verb} di {delta} ({before} → {after}, n = {n})",
        "up": "sale", "down": "scende", "driven": "; le conversazioni che contano di più: {what}",
        "anomalies": "Giorni anomali", "no_anomalies": "Nessun giorno fuori dal normale.",
        "volume": "{op}, {day}: {value} conversazioni, {ratio} volte il solito ({usual}); tema principale: {cat}",
        "negative_share": "{op}, {day}: quota negativa {value} contro il solito {usual}; tema principale: {cat}",
        "churn": "Abbandoni", "no_churn": "Nessun segnale di abbandono.",
        "churn_line": "{op}: {threat} minacce, {switched} passaggi annunciati, {cancel} disdette",
        "towards": "verso", "examples": "Esempi di escalation fallite", "customer": "Cliente",
        "daily": "Conversazioni al giorno", "method": "Cambiamenti: solo se gli intervalli al 95 % delle due settimane non si sovrappongono (Wilson per il campione; per i tassi che vengono dalle etichette, allargati dall'incertezza del classificatore). Giorni anomali: i giorni di disservizio (volume almeno doppio del giorno mediano dell'operatore e oltre 5 deviazioni robuste, 1,4826 × MAD, sopra di esso) e le quote negative oltre 5 deviazioni robuste sopra la mediana dei 28 giorni precedenti.",
    },
    "en": {
        "title": "Social customer care weekly review", "week": "Week", "generated": "Generated on",
        "kpis": "Indicators per operator", "rank_short": "Rank", "operator": "Operator", "conversations_short": "Conv.",
        "vs": "vs last week / 4-week average", "movers": "What moved",
        "no_movers": "No change against last week is large enough, given the number of conversations, to be sure of.",
        "mover": "{op}: {metric} {verb} by {delta} ({before} → {after}, n = {n})",
        "up": "rises", "down": "falls", "driven": "; the conversations behind it: {what}",
        "anomalies": "Unusual days", "no_anomalies": "No day out of the ordinary.",
        "volume": "{op}, {day}: {value} conversations, {ratio} times the usual ({usual}); main topic: {cat}",
        "negative_share": "{op}, {day}: negative share {value} against the usual {usual}; main topic: {cat}",
        "churn": "Churn", "no_churn": "No churn signal.",
        "churn_line": "{op}: {threat} threats, {switched} announced switches, {cancel} cancellations",
        "towards": "towards", "examples": "Examples of failed escalations", "customer": "Customer",
        "daily": "Conversations per day", "method": "Changes: only when the two weeks' 95 % intervals do not overlap (Wilson's for the sample; for rates that come from labels, widened by the classifier's uncertainty). Unusual days: outage days (volume at least twice the operator's median day and more than 5 robust deviations, 1.4826 × MAD, above it) and negative shares more than 5 robust deviations above the median of the previous 28 days.",
    },
}
for _lang in TEXTS:
    TEXTS[_lang].update(_REVIEW[_lang])
    TEXTS[_lang].update({kpi.id: kpi.name[_lang] for kpi in KPIS})   # KPI names: the registry's

# label id -> its name, per label family
LABELS = {
    "it": {
        "category": {"billing": "Fatturazione", "network": "Rete e linea", "activation_porting": "Attivazione e portabilità",
                     "offers_devices": "Offerte e dispositivi", "telemarketing_privacy": "Telemarketing e privacy",
                     "cancellation_contract": "Disdetta e contratto", "customer_service": "Assistenza clienti",
                     "other": "Altro"},
        "sentiment": {"negative": "Negativo", "neutral": "Neutro", "positive": "Positivo"},
        "churn": {"none": "Nessuno", "threat": "Minaccia di andarsene", "switched": "Passaggio annunciato",
                  "cancel": "Disdetta"},
        "followup": {"none": "", "fixed": "Conferma: risolto", "still_broken": "Ancora guasto"},
        "act": {"acknowledge": "Presa in carico", "request_data": "Richiesta di dati", "escalate": "Escalation",
                "resolve": "Risoluzione", "deflect": "Rimando altrove", "other": "Altro"},
        "outcome": {"success": "Risolta", "failure": "Fallita", "unknown": "Esito ignoto"},
        "channel": {"twitter": "X / Twitter", "facebook": "Facebook", "instagram": "Instagram", "dm": "Messaggio privato",
                    "unknown": "Sconosciuto"},
        "answered": {True: "Sì", False: "No"},
        "task": {"sentiment": "Sentiment", "category": "Categoria", "churn": "Segnale di abbandono",
                 "followup": "Esito riferito dal cliente", "act": "Atto dell'operatore"},
    },
    "en": {
        "category": {"billing": "Billing", "network": "Network and line", "activation_porting": "Activation and porting",
                     "offers_devices": "Offers and devices", "telemarketing_privacy": "Telemarketing and privacy",
                     "cancellation_contract": "Cancellation and contract", "customer_service": "Customer service",
                     "other": "Other"},
        "sentiment": {"negative": "Negative", "neutral": "Neutral", "positive": "Positive"},
        "churn": {"none": "None", "threat": "Threat to leave", "switched": "Announced switch", "cancel": "Cancellation"},
        "followup": {"none": "", "fixed": "Confirms it is fixed", "still_broken": "Still broken"},
        "act": {"acknowledge": "Acknowledgement", "request_data": "Data request", "escalate": "Escalation",
                "resolve": "Resolution", "deflect": "Sent elsewhere", "other": "Other"},
        "outcome": {"success": "Resolved", "failure": "Failed", "unknown": "Outcome unknown"},
        "channel": {"twitter": "X / Twitter", "facebook": "Facebook", "instagram": "Instagram", "dm": "Direct message",
                    "unknown": "Unknown"},
        "answered": {True: "Yes", False: "No"},
        "task": {"sentiment": "Sentiment", "category": "Category", "churn": "Churn signal",
                 "followup": "Follow-up", "act": "Operator's act"},
    },
}
# result column -> (its header by language, the label family of its values, or None)
COLUMNS = {
    "conversation_id": ({"it": "Conversazione", "en": "Conversation"}, None),
    "operator": ({"it": "Operatore", "en": "Operator"}, "operator"),
    "from_operator": ({"it": "Operatore", "en": "Operator"}, "operator"),
    "channel": ({"it": "Canale", "en": "Channel"}, "channel"),
    "opened_local": ({"it": "Aperta il", "en": "Opened"}, "local_text"),
    "category": ({"it": "Categoria", "en": "Category"}, "category"),
    "first_sentiment": ({"it": "Sentiment iniziale", "en": "First sentiment"}, "sentiment"),
    "is_answered": ({"it": "Risposta", "en": "Answered"}, "answered"),
    "frt_minutes": ({"it": "Prima risposta (min)", "en": "First response (min)"}, "minutes"),
    "escalation_outcome": ({"it": "Esito escalation", "en": "Escalation outcome"}, "outcome"),
    "churn_kind": ({"it": "Segnale di abbandono", "en": "Churn signal"}, "churn"),
    "competitor": ({"it": "Verso", "en": "Towards"}, "operator"),
    "first_post": ({"it": "Primo messaggio", "en": "First post"}, None),
    # the load log and the rejects
    "source_file": ({"it": "File", "en": "File"}, None),
    "file_format": ({"it": "Formato", "en": "Layout"}, None),
    "finished_at": ({"it": "Caricato il", "en": "Loaded"}, "moment"),
    "count_read": ({"it": "Righe lette", "en": "Rows read"}, "count"),
    "count_loaded": ({"it": "Caricate", "en": "Loaded"}, "count"),
    "count_duplicate": ({"it": "Duplicate", "en": "Duplicates"}, "count"),
    "count_rejected": ({"it": "Scartate", "en": "Rejected"}, "count"),
    "count_unresolved_operator": ({"it": "Senza operatore", "en": "No operator"}, "count"),
    "reason": ({"it": "Motivo", "en": "Reason"}, None),
    "rows": ({"it": "Righe", "en": "Rows"}, "count"),
    "example_file": ({"it": "Per esempio nel file", "en": "For example in"}, None),
    "first_line": ({"it": "Prima riga", "en": "First line"}, None),
    "source_line": ({"it": "Riga", "en": "Line"}, None),
    "message_id": ({"it": "Messaggio", "en": "Message"}, None),
    "raw": ({"it": "Contenuto (oscurato)", "en": "Content (redacted)"}, None),
    "load_id": ({"it": "Caricamento", "en": "Load"}, None),
}

# the metrics that are not headline KPIs (those are defined in pipelines/contract/kpis.py)
MORE_DEFINITIONS = {
    "it": {
        "Conversazione": "Un thread aperto da un cliente verso un account dell'operatore.",
        "Escalation": "Una risposta dell'operatore che apre un ticket, manda un tecnico o chiede dati per intervenire "
                      "sulla linea.",
        "Rimando altrove": "Le risposte mandano solo il cliente altrove (il 187, l'app, l'altro operatore), senza azione.",
        "Richiesta di dati ripetuta": "L'operatore chiede dati due o più volte nella stessa conversazione.",
        "Recupero del sentiment": "Conversazioni iniziate negative e finite neutre o positive / conversazioni "
                                  "iniziate negative.",
        "Nuovo contatto": "Lo stesso cliente apre un'altra conversazione con lo stesso operatore entro 7 giorni.",
        "Risoluzione al primo contatto": "Risolte con una sola risposta dell'operatore / risolte.",
        "Conversazione parziale": "Risponde a un post fuori dai dati: tenuta dal primo messaggio che abbiamo; con "
                                  "risposta se l'operatore risponde; senza tempo di risposta se il primo messaggio "
                                  "che abbiamo è dell'operatore. Inclusa, salvo il filtro che la esclude.",
    },
    "en": {
        "Conversation": "A thread a customer opened towards an operator account.",
        "Escalation": "An operator reply that opens a ticket, books a technician or asks for data to act on the line.",
        "Sent elsewhere": "The replies only send the customer elsewhere (the 187, the app, the other operator), "
                          "with no action.",
        "Repeated data request": "The operator asks for data twice or more in one conversation.",
        "Sentiment recovery": "Conversations starting negative and ending neutral or positive / conversations "
                              "starting negative.",
        "Re-contact": "The same customer opens another conversation with the same operator within 7 days.",
        "One-touch resolution": "Resolved with one operator reply / resolved.",
        "Partial conversation": "It answers a post outside the data: kept from the earliest message we have; "
                                "answered when the operator replies; no response time when the operator's reply is "
                                "the earliest message we have. Included unless the filter leaves it out.",
    },
}


def t(key: str, lang: str = "it", **values) -> str:
    """The text of a key in a language, with its {placeholders} filled."""
    text = TEXTS.get(lang, TEXTS["it"]).get(key, key)
    return text.format(**values) if values else text


def label(family: str, value, lang: str = "it") -> str:
    """A label id by its name; nothing for a missing value; an unknown id as it is."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return LABELS.get(lang, LABELS["it"]).get(family, {}).get(value, str(value))


def definitions(lang: str) -> dict[str, str]:
    """Metric name -> definition in the language: the KPI registry's, then the others."""
    return {**{kpi.name[lang]: kpi.definition[lang] for kpi in KPIS}, **MORE_DEFINITIONS[lang]}
