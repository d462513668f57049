"""The words of the synthetic conversations: customer posts, follow-ups, churn messages
and the operators' care replies, in Italian as written on X, Facebook, Instagram and DMs.

The simulator decides the story and the labels; these functions only write the text.
Every text is assembled from independently drawn fragments (opener, core, details,
closer) whose slots ({town}, {amount}, {date}, {modem}...) are filled at random, so the
same story never reads twice the same. Everything random comes from the caller's `rng`:
the same seed gives the same texts.

Templates use str.format slots; each slot name is a key of _SLOTS. Fragments that start
a sentence are written in lower case and capitalised by _join when they need it.
"""
from __future__ import annotations

import random
import re
from string import Formatter

CATEGORIES = ("billing", "network", "activation_porting", "offers_devices",
              "telemarketing_privacy", "cancellation_contract", "customer_service", "other")
BRAND_ACTS = ("acknowledge", "request_data", "escalate", "resolve", "deflect", "other")
FOLLOWUP_KINDS = ("data_sent", "still_broken", "fixed", "impatient", "repeat_data",
                  "bounced", "technician_no_show")
CHURN_KINDS = ("threat", "switched", "cancel")

# --------------------------------------------------------------------------- slot values

_TOWNS = (
    "Roma", "Milano", "Napoli", "Torino", "Palermo", "Genova", "Bologna", "Firenze", "Bari",
    "Catania", "Venezia", "Verona", "Messina", "Padova", "Trieste", "Brescia", "Taranto",
    "Prato", "Parma", "Modena", "Reggio Calabria", "Reggio Emilia", "Perugia", "Livorno",
    "Ravenna", "Cagliari", "Foggia", "Rimini", "Salerno", "Ferrara", "Sassari", "Latina",
    "Monza", "Siracusa", "Pescara", "Bergamo", "Vicenza", "Trento", "Terni", "Novara",
    "Piacenza", "Ancona", "Andria", "Udine", "Arezzo", "Cesena", "Lecce", "La Spezia",
    "Pesaro", "Alessandria", "Pistoia", "Lucca", "Como", "Caserta", "Treviso", "Varese",
    "Asti", "Cosenza", "Potenza", "Avellino", "Benevento", "Matera", "Campobasso", "Aosta",
    "Bolzano", "Frosinone", "Viterbo", "Rieti", "L'Aquila", "Teramo", "Chieti", "Agrigento",
    "Trapani", "Ragusa", "Nuoro", "Olbia", "Crotone", "Lamezia Terme", "Brindisi",
    "Altamura", "Giugliano", "Torre del Greco", "Pozzuoli", "Ostia", "Fiumicino",
    "Guidonia", "Sesto San Giovanni", "Cinisello Balsamo", "Rho", "Legnano", "Busto Arsizio",
    "Gallarate", "Cremona", "Mantova", "Lodi", "Pavia", "Vigevano", "Biella", "Cuneo",
    "Savona", "Imperia", "Massa", "Carrara", "Grosseto", "Siena", "Empoli", "Faenza",
    "Imola", "Carpi", "Sassuolo", "Bassano del Grappa", "Schio", "Chioggia", "Pordenone",
    "Gorizia", "Marsala", "Gela", "Acireale", "Bagheria", "Portici", "Ercolano", "Afragola",
    "Casoria", "Marano", "Aversa", "Battipaglia", "Nocera Inferiore", "Molfetta", "Barletta",
    "Trani", "Bisceglie", "Monopoli", "Civitavecchia", "Anzio", "Nettuno", "Tivoli",
)
_MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
           "agosto", "settembre", "ottobre", "novembre", "dicembre")
_WEEKDAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato")
_DAYS = ("2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "20",
         "due", "tre", "quattro", "cinque", "sei", "dieci", "quindici")
_WEEKS = ("due", "tre", "quattro", "cinque", "sei", "3", "4", "5", "7")
_HOURS = ("24", "36", "48", "72", "96")
_MINUTES = ("15", "20", "25", "30", "35", "40", "45", "50", "55", "70", "80", "90")
_TIMES = ("tre", "quattro", "cinque", "sei", "sette", "dieci", "3", "4", "5", "6", "8")
_ORDINALS = ("terza", "quarta", "quinta", "sesta", "settima", "decima", "ennesima")
_YEARS = ("2", "3", "4", "5", "6", "7", "8", "10", "12", "14", "15", "18", "20", "22", "25")
_MONTHS_LOCK = ("12", "18", "24", "30", "36", "48")
_CENTS = ("99", "99", "99", "90", "95", "49", "00", "50", "59", "89")
_TOPUPS = ("5 euro", "10 euro", "10 €", "15 €", "20 euro", "20 €", "25 €", "30 euro", "50 €")
_SMALL_AMOUNTS = ("0,99 €", "1,99 €", "2,99 €", "3,49 €", "4,99 €", "5,99 €", "1,59 €",
                  "2 euro", "5 euro", "6,50 €", "0,49 €", "2,49€", "3 euro")
_SLOTS_TECH = ("tra le 8 e le 13", "tra le 14 e le 18", "dalle 9 alle 12", "in mattinata",
               "nel pomeriggio", "tra le 8 e le 12", "dalle 13 alle 17", "in prima mattina",
               "entro le 12", "tra le 15 e le 19")
_WHEN = ("stamattina", "ieri sera", "poco fa", "un'ora fa", "ieri", "alle 9", "a mezzogiorno",
         "due ore fa", "venerdì", "l'altro ieri", "stanotte", "dopo pranzo")
_LINES = ("la fibra", "la linea", "internet", "l'ADSL", "la connessione", "la linea fissa",
          "la FTTH", "il wifi", "internet di casa", "la FWA", "la rete", "il telefono di casa")
_BAD_SPEEDS = ("2 mega", "0,3 Mbps", "5 Mbps", "1 mega scarso", "800 kbps", "meno di 10 mega",
               "12 mega in download", "3,5 Mbps", "7 mega", "0,8 mega", "20 mega a dir tanto",
               "1,2 Mbps in download e zero in upload", "4 mega nelle ore di punta")
_NOMINAL_SPEEDS = ("1 Giga", "2,5 Giga", "200 mega", "100 mega", "1000 mega", "2.5 Gbps",
                   "10 Giga", "300 mega", "fino a 1 Gbps")
_GOOD_SPEEDS = ("900 mega", "940 Mbps", "850 in download", "200 mega pieni", "quasi 1 Giga",
                "2 Giga in download", "930/300", "800 mega anche la sera", "95 mega stabili")
_GIGA = ("100 giga", "150 giga", "200 giga", "300 giga", "giga illimitati", "50 giga",
         "giga 5G illimitati", "80 giga", "250 giga", "120 GB")
_DEVICES = ("l'iPhone 15", "l'iPhone 13", "l'iPhone 16 Pro", "il Galaxy S24", "il Galaxy A55",
            "il Galaxy A15", "il Redmi Note 13", "il Pixel 8", "lo Xiaomi 14", "il Motorola Edge 50",
            "l'Oppo Reno 11", "il Galaxy Z Flip", "l'iPhone SE", "il Poco X6", "il Galaxy S23 FE")
_COUNTRIES = ("in Francia", "in Spagna", "negli Stati Uniti", "in Albania", "in Svizzera",
              "in Inghilterra", "in Grecia", "in Tunisia", "in Marocco", "in Egitto",
              "in Croazia", "in Turchia", "in Germania")
_AGENTS = ("Luca", "Sara", "Marco", "Giulia", "Francesca", "Andrea", "Paolo", "Chiara",
           "Simone", "Elena", "Davide", "Martina", "Federica", "Alessio", "Valentina",
           "Matteo", "Silvia", "Roberto", "Ilaria", "Stefano", "Noemi", "Antonio")
_TIM_INITIALS = ("LR", "MF", "AG", "SB", "DC", "PG", "EM", "FT", "GV", "RC", "AM", "NS", "CL")

# Per operator: call centre, app, modem (with its article: "la Vodafone Station"), offers.
_OPERATOR_DATA = {
    "tim": {
        "cc": ("187",), "app": ("MyTIM",),
        "modem": ("il TIM Hub+", "il TIM Hub", "il modem TIM", "il modem", "il router"),
        "offer": ("TIM Wifi Power", "TIM Premium Fibra", "TIM Power Smart", "TIM Go",
                  "TIM Young", "TIM Casa"),
    },
    "windtre": {
        "cc": ("159",), "app": ("WINDTRE",),
        "modem": ("il modem WINDTRE", "lo Zyxel", "il modem ZTE", "il modem", "il router"),
        "offer": ("GO Unlimited", "Super Fibra", "Unlimited Super Fibra", "Wind Smart",
                  "GO 5G", "Super Fibra Unlimited"),
    },
    "vodafone": {
        "cc": ("190",), "app": ("My Vodafone",),
        "modem": ("la Vodafone Station", "la Power Station", "il modem", "la Station"),
        "offer": ("Vodafone Special", "Internet Unlimited", "Vodafone Silver", "Red",
                  "Giga Network 5G", "Vodafone Casa"),
    },
    "fastweb": {
        "cc": ("192 193",), "app": ("MyFastweb",),
        "modem": ("il FASTGate", "il NeXXt Box", "il modem", "il router"),
        "offer": ("Fastweb Casa", "NeXXt Casa", "Fastweb Mobile", "Casa Light",
                  "NeXXt Casa Plus", "Fastweb Mobile Full"),
    },
    "iliad": {
        "cc": ("177",), "app": ("iliad",),
        "modem": ("l'Iliadbox", "il modem", "la box"),
        "offer": ("Giga 150", "Giga 200", "Giga 250", "Giga 120 5G", "Iliadbox Fibra"),
    },
}
# Unknown operator: every phrase still reads right ("al servizio clienti", "sull'app ufficiale").
_GENERIC_DATA = {
    "cc": ("servizio clienti", "numero verde"),
    "app": ("ufficiale",),
    "modem": ("il modem", "il router", "il FRITZ!Box", "il modem in comodato"),
    "offer": ("Fibra 1000", "Giga 100", "Smart Casa", "Casa Plus"),
}

_MOBILE_PREFIXES = ("320", "324", "327", "328", "329", "330", "331", "333", "334", "335",
                    "338", "339", "340", "342", "345", "346", "347", "348", "349", "350",
                    "351", "366", "368", "370", "371", "377", "380", "388", "389", "391",
                    "392", "393")
_FIRST_NAMES = ("mario", "giulia", "luca", "francesca", "marco", "sara", "giuseppe", "anna",
                "paolo", "chiara", "antonio", "elena", "alessandro", "valentina", "fra", "ste")
_SURNAMES = ("rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo",
             "ricci", "marino", "greco", "bruno", "gallo", "conti", "deluca", "costa")
_MAIL_DOMAINS = ("gmail.com", "libero.it", "hotmail.it", "yahoo.it", "virgilio.it",
                 "alice.it", "outlook.it", "tiscali.it", "icloud.com")

# --------------------------------------------------------------------------- customer openings

# Salutations that carry the handle mid-sentence ({h}); per sentiment.
_SALUTES = {
    "negative": ("Ma {h}", "Caro {h},", "Ehi {h},", "Allora {h},", "Buongiorno {h},",
                 "Scusate {h} ma", "Gentile {h},", "Ma insomma {h},", "Ennesima volta {h}:",
                 "Ciao {h},", "Ma dico io {h},", "Senti {h},"),
    "neutral": ("Buongiorno {h},", "Ciao {h},", "Salve {h},", "Buonasera {h},",
                "{h} una domanda:", "Scusate {h},", "Info per {h}:", "Ciao {h}, domanda veloce:"),
    "positive": ("Ciao {h},", "Grazie {h}!", "Buonasera {h},", "Un grazie a {h}:",
                 "Buongiorno {h},", "Una volta tanto, grazie {h}:", "Ciao {h}!"),
}
# Ways to put the handle last, after the text.
_TAILS = {
    "negative": ("{h}", "{h}", "cc {h}", "{h} ci siete?", "{h} rispondete", "{h} svegliaaa",
                 "{h} 👀", "{h} ...", "{h} vi leggete?"),
    "neutral": ("{h}", "{h}", "cc {h}", "{h} grazie", "{h} 🙏"),
    "positive": ("{h}", "{h}", "{h} 👍", "{h} ❤️", "grazie {h}"),
}
_OPENERS = {
    "negative": (
        "Ennesima segnalazione.", "Ditemi voi se è normale.", "Ok, adesso basta.", "Incredibile.",
        "Buongiorno (si fa per dire).", "Ma scherziamo?", "Allora,", "Ragazzi,", "Scusate ma",
        "Vi scrivo qui perché al telefono è inutile.", "Terza volta che scrivo.",
        "Ma è mai possibile?", "Spiegatemi una cosa:", "Non ce la faccio più.",
        "Situazione assurda:", "Sono senza parole.", "Buonasera,", "Salve,", "Sentite,",
        "Vediamo se scrivendo in pubblico qualcuno si sveglia.", "Raga,", "Ma dico io,",
        "Rieccomi.", "Giorno {n} di agonia.", "Ve lo chiedo per favore:", "Assurdo.",
        "Pazzesco.", "Sono furioso.", "Sono esasperata.", "Cavolo,",
    ),
    "neutral": (
        "Buongiorno,", "Salve,", "Ciao,", "Una domanda:", "Info:", "Scusate,", "Buonasera,",
        "Domanda veloce:", "Ciao a tutti,", "Scusate il disturbo,", "Una curiosità:",
        "Vi chiedo un'informazione:", "Ciao ragazzi,",
    ),
    "positive": (
        "Una volta tanto scrivo per ringraziare.", "Per una volta una bella notizia:",
        "Devo dirlo:", "Finalmente!", "Giusto per dare a Cesare quel che è di Cesare:",
        "Ciao a tutti,", "Buongiorno,", "Che dire,", "Bella sorpresa oggi:",
        "Di solito si scrive solo per lamentarsi, io invece:", "Sinceramente,", "Wow,",
    ),
}
_CLOSERS = {
    "negative": (
        "Vergogna.", "Ladri!", "Bravi 👏", "Complimenti davvero.", "Che servizio 👏",
        "Sempre peggio.", "Sistemate subito.", "Qualcuno mi risponde?",
        "Aspetto una risposta, non un copia e incolla.", "Siete ridicoli.", "Che schifo.",
        "Pessimo servizio.", "Non è accettabile.", "Mi avete stancato.", "Rispondete!",
        "Vergognatevi.", "Ma come lavorate?", "Siamo nel terzo millennio, eh.",
        "Complimenti per l'organizzazione 👏", "Sono senza parole.", "Bella presa in giro.",
        "Basta!", "Che pazienza...", "Pago per cosa, esattamente?", "Incommentabile.",
        "Ma vi sembra normale?", "Ogni mese la stessa storia.", "Ladri legalizzati.",
        "E pure scortesi.", "Grazie di niente.", "Che vergogna, davvero.",
    ),
    "neutral": (
        "Grazie.", "Grazie in anticipo.", "Attendo info.", "Buona giornata.",
        "Grazie mille per l'aiuto.", "Fatemi sapere, grazie.", "Ciao!", "Grazie a chi risponde.",
        "Buona serata.", "Attendo un vostro riscontro.",
    ),
    "positive": (
        "Grazie!", "Grazie di cuore 🙏", "Continuate così.", "Ottimo lavoro.",
        "Promossi a pieni voti.", "Grazie al team social.", "Soddisfatto!", "❤️",
        "Top.", "Così si fa.", "Chapeau.", "Grazie di nuovo a tutti.", "Alla grande!",
    ),
}
# Ironic closers that only make sense for one category.
_IRONY = {
    "billing": ("Grazie per il regalo in bolletta 👏", "Che generosi 👏",
                "Bravi, ottimo modo di fare cassa 👏"),
    "network": ("Grazie per la fantastica connessione 👏", "Fibra ultraveloce, dicevano 👏",
                "Che bello pagare per un modem che fa da soprammobile 👏"),
    "activation_porting": ("Velocissimi, complimenti 👏", "Attivazione in tempi record, eh 👏"),
    "offers_devices": ("Bell'offerta, complimenti 👏", "Offerte imperdibili, proprio 👏"),
    "telemarketing_privacy": ("Grazie per la compagnia telefonica quotidiana 👏",
                              "Bravi, la privacy prima di tutto 👏"),
    "cancellation_contract": ("Uscire da voi è più difficile che da un carcere 👏",
                              "Che trasparenza 👏"),
    "customer_service": ("Assistenza stellare 👏", "Bravi, clienti coccolati 👏",
                         "Grazie per la bella musichetta d'attesa 👏"),
    "other": ("Bravi 👏",),
}

# Core sentences: what the post is about. Keyed by category, then sentiment.
_CORES = {
    "billing": {
        "negative": (
            "mi avete addebitato {amount} in più sulla bolletta di {month} senza nessuna spiegazione",
            "doppio addebito di {amount} sul conto corrente, e non è la prima volta",
            "la fattura di {month} è di {jump}",
            "sparito il credito residuo: avevo {topup} di ricarica e ora sono a zero",
            "ricarico {topup} e dopo {n} giorni il credito è già finito, dove vanno i soldi?",
            "aspetto il rimborso di {amount} dal {date}, promesso in 30 giorni",
            "rimodulazione di {small} al mese senza che nessuno mi avvisasse",
            "ho pagato la bolletta il {date} e mi arriva il sollecito con minaccia di sospensione",
            "addebito di {amount} per 'costi di gestione' mai visti prima",
            "la domiciliazione si è revocata da sola e ora pago {amount} di mora",
            "mi arriva una fattura di {amount} per un mese in cui la linea non funzionava",
            "pago {price} al mese per {offer} e in bolletta trovo {amount}",
            "il canone è passato {rise} dal {date}: chi ve l'ha chiesto?",
            "l'offerta doveva costare {price} per sempre, in fattura c'è scritto altro",
            "ho cambiato metodo di pagamento {times} volte e continuate ad addebitare sulla vecchia carta",
            "dopo {weeks} settimane ancora nessun rimborso dei {amount} che mi spettano",
            "bolletta da {amount} dopo tre giorni {country}, il roaming non doveva essere incluso?",
            "mi avete addebitato due volte la stessa fattura di {month}",
            "il credito scala {small} senza motivo, ogni santo giorno",
            "mi addebitate il modem che ho già pagato tutto, {amount} di troppo",
            "in fattura c'è un conguaglio di {amount} che nessuno sa spiegarmi",
            "fattura di {month} arrivata a {amount}, quasi il doppio del solito",
        ),
        "neutral": (
            "cos'è la voce da {amount} chiamata 'contributo attivazione' nella bolletta di {month}?",
            "come posso cambiare il metodo di pagamento da bollettino a carta?",
            "la fattura di {month} è di {jump}: potete verificare?",
            "quando viene accreditato il rimborso di {amount} che mi avete comunicato?",
            "dove trovo le fatture vecchie sull'app {app}?",
            "è possibile ricevere la bolletta via mail invece che cartacea?",
            "ho fatto una ricarica da {topup} {when}, quanto ci mette ad arrivare sul credito?",
            "mi è arrivato un SMS per una variazione di {small} al mese dal {date}: riguarda anche {offer}?",
            "posso pagare la fattura scaduta con bonifico o devo usare l'app?",
            "la bolletta di {month} la pago con la domiciliazione o mi arriva il bollettino?",
            "come si richiede la rateizzazione di una fattura da {amount}?",
            "che differenza c'è tra fattura mensile e bimestrale? Vorrei capire cosa mi conviene",
            "con la ricarica automatica da {topup} quando viene fatto l'addebito?",
        ),
        "positive": (
            "rimborso di {amount} arrivato in pochi giorni, grazie",
            "la bolletta è tornata a {price} come da contratto, grazie per la correzione",
            "da quando ho {offer} spendo meno e la fattura è chiarissima",
            "stornato l'addebito di {amount} in un giorno, servizio impeccabile",
            "ho chiesto chiarimenti sulla fattura di {month} e mi avete risposto subito, ottimo",
            "nota di credito da {amount} ricevuta, gentilissimi",
            "ricarica automatica attivata dall'app {app} in due minuti, comodissima",
            "mi avete restituito i {small} della rimodulazione, apprezzo molto",
        ),
    },
    "network": {
        "negative": (
            "{line} non va da {n} giorni qui a {town}",
            "senza internet dal {date}, {modem} ha la spia rossa fissa",
            "pago la fibra da {nominal} e lo speedtest fa {speed}",
            "a {town} le chiamate cadono di continuo, impossibile finire una telefonata",
            "zero campo in casa, nemmeno una tacca, e sono in centro a {town}",
            "ogni sera dalle 20 alle 23 la connessione crolla a {speed}",
            "{modem} non aggancia la linea da {n} giorni",
            "guasto in zona {town} segnalato il {date}, ancora nessuna notizia",
            "lavoro da casa e sono senza linea da {n} giorni, chi mi paga le giornate perse?",
            "il 4G va e viene, il 5G neanche a parlarne: a {town} sembra di essere nel 2005",
            "internet lentissimo, {speed}, non si carica nemmeno una mail",
            "linea fissa muta dal {date}: niente telefono e niente internet",
            "la FWA si disconnette ogni mezz'ora da {weeks} settimane",
            "mi avevate detto 48 ore per sistemare il guasto, sono passati {n} giorni",
            "ping a 300 e disconnessioni continue, impossibile fare una videochiamata",
            "il telefono segna solo SOS da {when}, a {town} non c'è rete",
            "disservizio in tutta {town} da {when} e nessuno dice niente",
            "{modem} spegne il wifi da solo più volte al giorno",
            "la fibra da {nominal} va a {speed}, ma che fibra è?",
            "chiamate che non partono e messaggi che arrivano il giorno dopo",
            "il tecnico ha staccato la mia linea per attaccarne un'altra, ora sono isolato da {n} giorni",
            "da quando avete fatto 'lavori di potenziamento' a {town} internet va peggio di prima",
        ),
        "neutral": (
            "c'è un disservizio in corso a {town}? Da {when} internet è molto lento",
            "come faccio a sapere se a {town} arriva la FTTH?",
            "{modem} ha la spia arancione lampeggiante, cosa significa?",
            "qual è la velocità massima che posso avere a {town} con la mia linea?",
            "ci sono lavori programmati sulla rete a {town} {weekday}?",
            "conviene collegare {modem} via cavo o va bene il wifi per lo smart working?",
            "{modem} si aggiorna da solo o devo riavviarlo io?",
            "come si attiva il 5G sulla SIM? Ho {device}",
            "ho {device}: le chiamate in VoLTE sono supportate?",
            "che velocità dovrei vedere con {nominal} se uso il wifi e non il cavo?",
            "posso spostare {modem} in un'altra stanza da solo o serve il tecnico?",
            "per caso a {town} c'è copertura 5G?",
        ),
        "positive": (
            "la fibra a {town} vola: {good} in download, grazie",
            "tecnico arrivato puntuale {weekday}, gentilissimo, ora la linea è perfetta",
            "guasto sistemato in poche ore, ottimo lavoro",
            "da quando avete potenziato l'antenna a {town} prendo benissimo anche in casa",
            "da quando ho {modem} nuovo il wifi arriva in tutta casa",
            "connessione stabile da settimane, smart working tranquillo",
            "speedtest di stasera: {good}, roba da fantascienza fino a un anno fa",
            "passato alla FTTH a {town}, tutto un altro mondo",
            "il tecnico {weekday} ha sistemato la presa e ora va tutto alla grande",
        ),
    },
    "activation_porting": {
        "negative": (
            "ho chiesto la portabilità il {date} e dopo {n} giorni il numero è ancora col vecchio operatore",
            "attivazione della fibra ferma da {weeks} settimane, ogni volta una data diversa",
            "la SIM è arrivata ma non si attiva, continua a dire 'SIM non valida'",
            "mi avete mandato la eSIM con un QR code che non funziona, {n} giorni senza telefono",
            "portabilità fallita per 'dati non corrispondenti' e ora non ho più nessun numero",
            "installazione della nuova linea rimandata per la {ord} volta",
            "il numero che ho portato da voi non riceve chiamate dal {date}",
            "migrazione da ADSL a fibra partita il {date}: risultato, senza linea e senza data",
            "ordine della linea fissa confermato il {date} e nessuno si è fatto vivo per l'installazione",
            "SIM attivata ma i giga dell'offerta {offer} non risultano",
            "ho {device} e la eSIM non si attiva, ho provato {times} volte",
            "passaggio dal rame alla fibra promesso in 10 giorni, siamo a {weeks} settimane",
            "il tecnico dell'attivazione doveva venire {weekday} {slot}, mai visto",
            "la portabilità doveva chiudersi in 3 giorni lavorativi, siamo al giorno {n}",
            "da {n} giorni ho due SIM e nessuna delle due funziona, grazie alla vostra portabilità",
            "linea nuova a {town} attivata sulla carta, ma in casa non c'è neanche la presa",
            "mi avete spedito la SIM all'indirizzo sbagliato e ora l'attivazione è bloccata",
        ),
        "neutral": (
            "quanto tempo serve per la portabilità del numero? Ho fatto richiesta il {date}",
            "ho {device}: posso attivare la eSIM direttamente dall'app {app}?",
            "vorrei attivare una nuova linea fibra a {town}: serve il tecnico in casa?",
            "la SIM nuova è arrivata, devo fare qualcosa per attivarla o parte da sola?",
            "per la portabilità serve il codice di migrazione? Dove lo trovo?",
            "se attivo la fibra da voi il numero di casa resta lo stesso?",
            "a che punto è la mia richiesta di attivazione del {date}?",
            "quanto ci vuole per l'installazione della FTTH a {town}?",
            "posso trasferire il credito residuo con la portabilità?",
            "la SIM arriva a casa o devo ritirarla in negozio a {town}?",
            "per attivare la eSIM serve per forza passare in negozio?",
        ),
        "positive": (
            "portabilità completata in un giorno e mezzo, numero già attivo",
            "fibra installata {weekday} dal tecnico, tutto funzionante al primo colpo",
            "eSIM attivata in cinque minuti dall'app, comodissimo",
            "SIM arrivata e attiva in giornata, ottimo",
            "attivazione della nuova linea a {town} più veloce del previsto, grazie",
            "il tecnico dell'installazione è stato precisissimo, cablaggio perfetto",
            "numero portato da voi senza perdere un minuto di linea",
        ),
    },
    "offers_devices": {
        "negative": (
            "l'offerta {offer} pubblicizzata in negozio è passata {rise} appena attivata",
            "ho comprato {device} a rate e dopo {n} giorni ha lo schermo nero, e voi mi rimbalzate",
            "{modem} in comodato si spegne da solo, chiedo la sostituzione da {weeks} settimane",
            "avete tolto i giga illimitati dalla mia offerta senza dirmelo",
            "pacchetto roaming da {amount} attivato per andare {country} e lì non funzionava",
            "i nuovi clienti hanno {giga} a {price}, io che sono vostro cliente da {years} anni pago il doppio",
            "ho reso {device} ma le rate continuano ad arrivare",
            "offerta da {giga}: a metà mese mi bloccate la connessione",
            "{device} in promo ordinato il {date}, mai arrivato",
            "{modem} nuovo va peggio del vecchio, e dovrei pure pagarlo a rate",
            "l'offerta {offer} che mi avete proposto al telefono non esiste sul sito",
            "mi avete venduto {device} con la promessa del 5G e a {town} il 5G non c'è",
            "promo 'per sempre' a {price} durata sei mesi, classico",
            "il regalo dell'offerta, {device}, è arrivato rotto",
        ),
        "neutral": (
            "che offerta mi consigliate per casa più mobile a {town}?",
            "l'offerta {offer} include anche le chiamate verso l'estero?",
            "quanto costa {device} a rate con la vostra offerta?",
            "c'è un pacchetto roaming per andare {country}? Parto il {date}",
            "posso passare a {offer} mantenendo lo stesso numero e senza costi?",
            "{modem} supporta il wifi 6 o mi conviene comprarne uno?",
            "per un ragazzo di 14 anni che offerta avete con pochi giga?",
            "ho preso {device} a rate: si possono estinguere in anticipo?",
            "con {offer} i giga non usati passano al mese dopo?",
            "avete offerte per chi lavora da casa, con fibra e {giga} sulla SIM?",
            "l'offerta da {price} al mese è bloccata o può cambiare?",
            "{device} preso da voi è sbloccato o funziona solo con la vostra SIM?",
        ),
        "positive": (
            "passato a {offer}: {giga} a {price}, per ora tutto perfetto",
            "{device} preso a rate da voi è arrivato in due giorni, ottima offerta",
            "{modem} nuovo è un'altra cosa, wifi ovunque in casa",
            "roaming {country} funzionato benissimo, offerta top",
            "ottima l'offerta {offer}, la consiglio a tutti",
            "mi avete proposto un'offerta migliore a {price} senza che la chiedessi, apprezzo",
            "{giga} a {price}, e vanno pure veloci: promossi",
        ),
    },
    "telemarketing_privacy": {
        "negative": (
            "è la {ord} chiamata oggi da un vostro call center",
            "mi chiamate {times} volte al giorno per propormi {offer}, e sono iscritto al Registro delle Opposizioni",
            "mi avete attivato un servizio a pagamento da {small} mai richiesto",
            "trovo in bolletta un abbonamento 'premium' a sovrapprezzo che non ho mai chiesto",
            "un vostro operatore al telefono mi ha attivato un contratto senza il mio consenso",
            "SMS promozionali ogni giorno anche se ho revocato il consenso il {date}",
            "qualcuno ha fatto un cambio SIM a mio nome e mi ha svuotato il conto, come è possibile?",
            "chiamate da numeri sempre diversi che dicono di chiamare per conto vostro",
            "come fanno i call center a sapere il mio nome e la mia offerta? Chi gli ha dato i miei dati?",
            "mi ritrovo attivata l'offerta {offer} dopo una telefonata in cui ho detto chiaramente NO",
            "chiamate commerciali alle 21, pure la domenica",
            "mi è arrivata la registrazione di un contratto che non ho mai accettato",
            "servizi VAS da {small} attivati da soli, per la {ord} volta",
            "la mia SIM è stata duplicata in un vostro negozio da qualcuno con un documento falso",
            "da quando sono vostro cliente ricevo chiamate da {times} call center diversi, chi ha venduto i miei dati?",
            "cliccato per sbaglio su un banner e mi ritrovo un abbonamento da {small}",
        ),
        "neutral": (
            "come faccio a bloccare i servizi a sovrapprezzo sulla mia SIM?",
            "ho ricevuto una chiamata da chi dice di essere un vostro operatore: è legittima?",
            "dove posso revocare il consenso alle comunicazioni commerciali?",
            "mi è arrivato un SMS con un link per 'aggiornare i dati': è vostro o è phishing?",
            "come richiedo l'accesso ai miei dati personali secondo il GDPR?",
            "come attivo il blocco dei servizi in abbonamento dall'app {app}?",
            "la chiamata per rinnovare l'offerta a {price} è davvero vostra?",
            "come verifico quali servizi a pagamento ho attivi sul numero?",
            "è normale ricevere una mail che chiede i dati della carta per un rimborso?",
        ),
        "positive": (
            "grazie per aver bloccato i servizi a sovrapprezzo e restituito i {small}",
            "dopo la segnalazione le chiamate commerciali sono finite, grazie",
            "gentilissimi nel bloccare subito la SIM clonata, soldi recuperati",
            "ottima l'app: ho disattivato da solo i servizi premium in un minuto",
            "blocco dei servizi VAS attivato in giornata, finalmente tranquillo",
        ),
    },
    "cancellation_contract": {
        "negative": (
            "mi chiedete {amount} di penale per uscire da un contratto che avete cambiato voi",
            "ho restituito {modem} il {date} e mi addebitate {amount} per mancata restituzione",
            "disdetta inviata a {month} e continuo a ricevere fatture",
            "costi di disattivazione di {amount}: nel contratto non c'erano",
            "mi avete rinnovato il vincolo di {lock} mesi senza avvisarmi",
            "rate del modem ancora addebitate dopo la chiusura del contratto",
            "mi cambiate le condizioni del contratto con un SMS e pretendete che vada bene",
            "recesso inviato il {date} via PEC, e mi scrivete ancora per il pagamento",
            "devo restituire {modem} ma nessuno mi dice dove e come spedirlo",
            "contratto chiuso a {month}, ora mi arriva la lettera di una società di recupero crediti",
            "il contratto diceva {price} per {lock} mesi, dopo sei mesi è già aumentato",
            "la voltura che ho chiesto il {date} si è trasformata in una chiusura della linea",
            "il negozio di {town} mi ha fatto firmare un vincolo di {lock} mesi senza spiegarmelo",
            "ho pagato {amount} di costi di uscita e la linea risulta ancora attiva",
        ),
        "neutral": (
            "quanto costa recedere prima della scadenza del vincolo?",
            "come faccio a restituire {modem} a fine contratto? Serve andare in negozio?",
            "se cambio casa il contratto si trasferisce o devo farne uno nuovo?",
            "è possibile intestare il contratto a mia moglie senza chiuderlo?",
            "qual è la scadenza del mio vincolo? Sull'app {app} non la trovo",
            "ci sono costi se passo dalla fibra alla sola SIM?",
            "per il trasloco della linea a {town} quanto tempo serve?",
            "le condizioni contrattuali aggiornate dove si possono leggere?",
            "se il contratto è a nome di mio padre posso fare io le modifiche?",
        ),
        "positive": (
            "voltura fatta in un giorno, grazie",
            "modem restituito e deposito rimborsato, tutto regolare",
            "trasloco della linea a {town} gestito benissimo",
            "grazie per avermi tolto i costi di uscita da {amount}, molto corretti",
            "cambio di intestazione del contratto fatto in negozio in dieci minuti",
        ),
    },
    "customer_service": {
        "negative": (
            "{mins} minuti di attesa al {cc} e poi cade la linea",
            "al {cc} ogni operatore mi dice una cosa diversa",
            "la chat dell'app si chiude da sola ogni volta che scrivo",
            "ho aperto {times} segnalazioni e nessuno mi ha mai richiamato",
            "in negozio a {town} mi dicono di chiamare il {cc}, il {cc} mi dice di andare in negozio",
            "operatore maleducato che mi ha chiuso il telefono in faccia",
            "mi avete chiesto i dati in DM tre volte, ve li ho mandati tre volte, e poi silenzio",
            "promettete di richiamare entro 24 ore, aspetto dal {date}",
            "il risponditore automatico non capisce niente e non c'è modo di parlare con una persona",
            "rispondete in DM in cinque minuti ma poi non risolvete mai niente",
            "scrivo qui perché al {cc} parlare con qualcuno è impossibile",
            "in DM mi rispondete con messaggi copiati e incollati",
            "il {cc} mi ha rimbalzato {times} volte da un ufficio all'altro",
            "mi avevano detto 'la richiamiamo noi' il {date}, sto ancora aspettando",
            "in negozio a {town} non sanno niente e mi mandano via",
            "chiusa la pratica come 'risolta' senza che nessuno abbia risolto un bel niente",
            "sono {mins} minuti che ascolto la musichetta del {cc}",
            "la chat mi passa a un operatore che dopo due messaggi sparisce",
        ),
        "neutral": (
            "qual è l'orario del {cc}?",
            "c'è un modo per parlare con un operatore al {cc} senza passare dal risponditore?",
            "posso prendere un appuntamento nel negozio di {town}?",
            "mi avete scritto in DM, rispondo lì?",
            "c'è un numero da chiamare dall'estero per l'assistenza?",
            "come faccio a seguire lo stato della mia segnalazione?",
            "la chat dell'app {app} è attiva anche la domenica?",
            "c'è un indirizzo PEC per i reclami?",
            "il negozio di {town} fa anche assistenza o solo vendita?",
        ),
        "positive": (
            "un grazie sincero all'operatrice del {cc}: gentile e competente",
            "negozio di {town}: personale gentilissimo e preparato",
            "risposta in DM in pochi minuti e problema sistemato, così si fa",
            "grazie a {agent} per la pazienza in chat",
            "assistenza social super veloce, grazie",
            "al {cc} ho trovato un operatore preparatissimo, tutto sistemato in una telefonata",
            "la chat dell'app {app} mi ha risolto tutto in dieci minuti",
        ),
    },
    "other": {
        "negative": (
            "lo spot che passa in tv ogni dieci minuti è insopportabile",
            "la nuova app {app} è un disastro, non si trova più niente",
            "il vostro sito non si apre da {when}",
            "avete chiuso il negozio di {town} e adesso tocca fare 30 km",
            "la pubblicità nei video è più lunga del video stesso, basta",
            "ma chi scrive i vostri post? Pessimo gusto",
            "l'evento a {town} sponsorizzato da voi è stato una delusione",
        ),
        "neutral": (
            "ma il vostro profilo è gestito da persone vere o da un bot?",
            "che canzone c'è nello spot nuovo?",
            "cercate personale per il negozio di {town}?",
            "il concerto di stasera a {town} lo trasmettete in streaming?",
            "chi ha vinto il concorso del mese scorso?",
            "dove si compra la cover che si vede nello spot?",
            "a che ora apre il negozio di {town} {weekday}?",
            "domanda seria: il vostro logo nuovo che colore è esattamente?",
        ),
        "positive": (
            "lo spot nuovo è bellissimo",
            "buona domenica a tutto il team social!",
            "cliente da {years} anni e ancora contento, auguri!",
            "grazie per aver sponsorizzato la squadra di {town}",
            "bellissimo l'evento a {town} di ieri sera, grazie",
            "il vostro social media manager merita un aumento 😂",
        ),
    },
}
# Extra sentences with concrete details. Negative/neutral details per category, and
# shared ones per sentiment.
_DETAILS = {
    "billing": (
        "Ho già mandato il reclamo il {date}.", "Ho tutte le ricevute dei pagamenti.",
        "Al {cc} mi dicono che è tutto regolare.", "Sull'app {app} la fattura risulta pagata.",
        "Ho l'offerta {offer} da {years} anni.", "Pago con addebito sul conto.",
        "Nessun SMS, nessuna comunicazione.", "Ho controllato tre volte l'estratto conto.",
    ),
    "network": (
        "Ho già riavviato {modem} {times} volte.", "Abito a {town}, in pieno centro.",
        "Il tecnico doveva venire {weekday} {slot}, mai visto.",
        "I vicini con un altro operatore navigano tranquilli.",
        "Sono in smart working e non posso lavorare.", "Ho provato anche col cavo, stessa cosa.",
        "Contratto da {nominal}, eh.", "Sul modem c'è la spia rossa che lampeggia.",
        "Ho già aperto una segnalazione il {date}.", "Lo speedtest fa {speed}.",
    ),
    "activation_porting": (
        "La richiesta è del {date}.", "Il vecchio operatore dice che da loro è tutto a posto.",
        "Ho chiamato il {cc} {times} volte.", "Sull'app {app} risulta 'in lavorazione'.",
        "Il tecnico doveva venire {weekday} {slot}.", "Ho pagato {amount} di attivazione.",
        "Uso il numero per lavoro.",
    ),
    "offers_devices": (
        "Offerta sottoscritta nel negozio di {town}.", "Ho il contratto firmato davanti.",
        "Sull'app {app} risulta un'altra cosa.", "Sono vostro cliente da {years} anni.",
        "Ho pagato {amount} di anticipo.", "La rata è di {price} al mese.",
    ),
    "telemarketing_privacy": (
        "Ho fatto l'iscrizione al Registro delle Opposizioni il {date}.",
        "Ho gli screenshot di tutte le chiamate.", "L'ultima chiamata è di {when}.",
        "Ho già scritto al garante della privacy.", "Ho il blocco chiamate sul telefono, non serve a nulla.",
        "Oggi già {times} chiamate.",
    ),
    "cancellation_contract": (
        "Ho la ricevuta della spedizione del {date}.", "Ho mandato tutto via PEC.",
        "Nel contratto firmato a {town} non c'è scritto.", "Ero cliente da {years} anni.",
        "Il modem l'ho riportato nel negozio di {town}.",
    ),
    "customer_service": (
        "Ho chiamato il {cc} {times} volte.", "L'ultima volta ho aspettato {mins} minuti.",
        "Ho scritto in DM il {date}.", "Ogni volta devo rispiegare tutto da capo.",
        "Nel negozio di {town} mi hanno detto di scrivere qui.",
    ),
    "other": (
        "Lo dico da cliente.", "Sono vostro cliente da {years} anni.",
    ),
}
_SHARED_DETAILS = {
    "negative": (
        "Sono vostro cliente da {years} anni.", "Ho già chiamato il {cc} {times} volte.",
        "Ho già scritto in DM {when}, nessuna risposta.",
        "Mi avete risposto in cinque minuti, peccato che poi non sia cambiato nulla.",
        "Ogni volta mi chiedete gli stessi dati.", "Mi avevate promesso una soluzione entro {hours} ore.",
        "Il {cc} mi rimanda qui, voi mi rimandate al {cc}.", "Ho due figli che studiano online.",
        "E non sono l'unico, chiedete in giro a {town}.", "Pago regolarmente ogni mese.",
    ),
    "neutral": (
        "Sono vostro cliente da {years} anni.", "Ho l'offerta {offer}.", "Abito a {town}.",
        "Ho cercato sul sito senza trovare la risposta.", "Ho {device}.",
        "Sull'app {app} ho cercato ma mi sono perso.", "Chiedo prima di fare danni 😅",
        "Ho già guardato le FAQ.", "La linea è intestata a me.", "Scrivo per conto di mia madre.",
        "Vorrei solo capire come funziona.", "Mi servirebbe saperlo entro {weekday}.",
        "Mi è stato detto in negozio a {town} di chiedere qui.",
    ),
    "positive": (
        "Sono vostro cliente da {years} anni.", "Dopo le difficoltà del mese scorso, ci voleva.",
        "Lo scrivo perché di solito si scrive solo per lamentarsi.",
        "Risposta arrivata in meno di un'ora.", "Lo consiglierò ad amici e parenti.",
    ),
}
# Contact data in about 1 % of openings, so that redaction has something to do.
_CONTACT_PHRASES = {
    "phone": ("Scrivetemi al {mobile}, così facciamo prima.", "Richiamatemi al {mobile}.",
              "Il mio numero è {mobile}, chiamatemi.", "Contattatemi pure al {mobile}"),
    "email": ("Scrivetemi a {email}.", "Rispondetemi via mail a {email}",
              "La mia mail è {email}, fatemi sapere."),
    "iban": ("Il rimborso fatelo su questo IBAN: {iban}", "Accreditate qui: {iban}",
             "IBAN per il rimborso {iban}"),
}

# --------------------------------------------------------------------------- follow-ups

_DATA_SENT = (
    "fatto, vi ho scritto in DM", "il numero è in privato", "inviato tutto in DM",
    "vi ho mandato numero e codice cliente in privato", "fatto, dati in DM",
    "scritto in DM {when}", "ok, vi ho scritto in privato con numero della linea e indirizzo",
    "dati inviati", "vi ho risposto in DM", "DM inviato 👍", "fatto!", "controllate i DM",
    "ecco, vi ho mandato tutto in privato: intestatario, numero e codice cliente",
    "vi ho scritto in chat privata", "mandato tutto in DM {when}", "ok, trovate tutto in DM",
    "inviato in privato il codice cliente", "vi ho scritto, fatemi sapere",
    "fatto, vi ho scritto in DM con tutti i dati dell'intestatario",
)
_DATA_EXTRA = {
    "billing": ("con la foto della fattura di {month}", "con lo screenshot dell'addebito"),
    "network": ("con lo screenshot dello speedtest", "con la foto delle spie del modem"),
    "activation_porting": ("con il numero della pratica", "con il seriale della SIM"),
    "offers_devices": ("con la foto del contratto", "con il numero d'ordine"),
    "telemarketing_privacy": ("con gli screenshot degli SMS", "con l'elenco delle chiamate ricevute"),
    "cancellation_contract": ("con la ricevuta della raccomandata", "con la ricevuta della PEC"),
    "customer_service": ("con il numero della segnalazione",),
    "other": ("",),
}
_DATA_TAILS = ("Attendo notizie.", "Fatemi sapere.", "Grazie.", "Attendo vostre.",
               "Resto in attesa.", "Ditemi voi.", "", "", "")

_STILL_PREFIXES = ("ancora nulla", "niente", "niente da fare", "zero", "macché",
                   "nulla di fatto", "ancora niente.", "stesso problema.", "non è cambiato niente.",
                   "tutto come prima.", "no, ancora no.", "ma quale risolto?")
_STILL_CORES = {
    "billing": ("l'addebito di {amount} è ancora lì", "il rimborso non si è visto",
                "nella nuova fattura c'è di nuovo la voce sbagliata",
                "il credito continua a scendere da solo"),
    "network": ("la linea è ancora giù", "stesso problema di ieri, la connessione va e viene",
                "lo speedtest fa sempre {speed}", "{modem} continua a lampeggiare rosso",
                "le chiamate cadono ancora", "internet ancora lentissimo"),
    "activation_porting": ("la SIM è ancora inattiva", "la portabilità è ancora ferma",
                           "nessuna data per l'attivazione", "il numero non è ancora passato"),
    "offers_devices": ("sull'app risulta ancora la vecchia offerta", "{device} continua a dare problemi",
                       "mi addebitate ancora {amount} invece di quanto pattuito",
                       "la sostituzione del modem non è mai arrivata"),
    "telemarketing_privacy": ("continuano a chiamarmi, oggi già {times} volte",
                              "il servizio a pagamento è ancora attivo",
                              "mi è arrivato un altro SMS promozionale", "altri {small} scalati stamattina"),
    "cancellation_contract": ("la penale è ancora in fattura", "continuano ad arrivare fatture",
                              "nessuno mi dice dove mandare il modem", "la linea risulta ancora attiva"),
    "customer_service": ("nessuno mi ha richiamato", "la chat si chiude ancora",
                         "al {cc} sempre la stessa musichetta", "la segnalazione risulta chiusa ma non è cambiato niente"),
    "other": ("stessa cosa di prima", "non è cambiato niente"),
}
_STILL_TAILS = ("Sono passati {n} giorni.", "Avevate detto che era risolto.", "Come prima.",
                "Mi prendete in giro?", "👏", "Vergogna.", "E mi avete anche scritto 'risolto' 👏",
                "Bella risposta veloce, peccato che non serva a niente.", "Che devo fare?",
                "", "", "")

_FIXED_CORES = ("ora funziona, grazie!", "confermo risolto", "tutto ok adesso, grazie",
                "risolto! grazie mille", "funziona tutto, grazie per l'aiuto", "sistemato, grazie",
                "perfetto, adesso è tutto a posto", "confermo, problema sistemato", "ok, ora va!",
                "tutto risolto, grazie davvero", "finalmente funziona", "yes, adesso va alla grande")
_FIXED_EXTRA = {
    "billing": ("rimborso arrivato", "fattura corretta", "l'addebito è stato stornato"),
    "network": ("la linea è tornata, speedtest a {good}", "internet di nuovo veloce",
                "{modem} ora è tutto verde", "la rete è tornata"),
    "activation_porting": ("SIM attiva", "portabilità completata", "la linea nuova va"),
    "offers_devices": ("offerta corretta sull'app", "il modem nuovo è arrivato", "la rata è quella giusta"),
    "telemarketing_privacy": ("servizi a pagamento disattivati", "le chiamate sono finite",
                              "mi avete restituito i {small}"),
    "cancellation_contract": ("penale stornata", "il modem risulta restituito", "pratica chiusa come si deve"),
    "customer_service": ("mi ha richiamato un operatore gentilissimo", "pratica sistemata in una telefonata"),
    "other": ("",),
}
_FIXED_TAILS = ("Grazie!", "🙏", "Gentilissimi.", "Alla fine ce l'abbiamo fatta.",
                "Grazie per la pazienza.", "Buona giornata!", "", "", "")

_IMPATIENT = (
    "quindi? nessuno risponde?", "ci siete?", "sono passati {n} giorni dal DM e nessuna risposta",
    "ehi, ci siete ancora?", "aspetto ancora una risposta", "vi ho scritto {hours} ore fa, silenzio totale",
    "hello? c'è qualcuno?", "dopo la prima risposta più nulla", "quindi? devo aspettare un altro mese?",
    "rispondete o no?", "up", "up ⬆️ ancora nessuna risposta", "e quindi?", "ancora aspetto",
    "mi avete risposto subito, poi sparito tutto", "DM letto {when} e nessuna risposta",
    "sono ancora qui ad aspettare", "vi siete dimenticati di me?", "nessuna novità?",
)
_REPEAT_DATA = (
    "vi ho già mandato tutto due volte, un dialogo tra sordi",
    "ma quante volte devo darvi il numero? È la {ord} volta",
    "vi ho già scritto tutto in DM! Le leggete le chat?",
    "ogni operatore mi richiede gli stessi dati da capo",
    "codice cliente, numero, indirizzo: già mandati {times} volte",
    "rispondete sempre 'scrivici in DM', ma in DM c'è già tutto",
    "leggete le chat precedenti o ricominciate ogni volta da zero?",
    "di nuovo i dati? Ve li ho dati {when}",
    "ancora? Il codice cliente ce l'avete già, l'ho scritto {times} volte",
    "vi mando i dati per la {ord} volta, magari stavolta li leggete",
    "ma non avete un sistema dove segnate le cose? Sempre le stesse domande",
)
_BOUNCED = (
    "mi avete detto di chiamare il servizio clienti, il servizio clienti mi dice di scrivere qui",
    "mi rimandate all'app, ma l'app dà errore",
    "al call center dicono che è colpa dell'altro operatore e l'altro operatore dice che è colpa vostra",
    "in negozio mi hanno detto di chiamare il numero verde, al telefono di tornare in negozio",
    "'contatti il servizio clienti', certo: {mins} minuti di attesa e poi cade la linea",
    "fate a scaricabarile con il vecchio operatore e io sono in mezzo",
    "mi mandate sull'app ma lì la voce per il reclamo non c'è",
    "mi avete rimandato al call center, dove mi hanno rimandato qui",
    "risposta: 'dipende dal precedente operatore'. E io intanto cosa faccio?",
    "il negozio dice che è roba del call center, il call center dice che è roba del negozio",
    "quindi la soluzione è chiamare un numero dove nessuno risponde?",
    "mi avete mandato a chiamare, ho chiamato, mi hanno detto di scrivere sui social 🙄",
)
_NO_SHOW = (
    "il tecnico doveva venire {weekday} {slot}, nessuno si è visto",
    "ho preso un giorno di ferie per il tecnico e non è venuto nessuno",
    "secondo appuntamento saltato: il tecnico non si è presentato neanche oggi",
    "aspettato il tecnico tutta la mattina, nemmeno una telefonata",
    "mi arriva l'SMS 'intervento completato' ma il tecnico qui non è mai passato",
    "il tecnico doveva chiamarmi prima di venire, sto ancora aspettando",
    "appuntamento del {date} {slot}: nessun tecnico, nessuna chiamata",
    "il tecnico che mi avete promesso non è mai arrivato, e ora?",
    "{slot} a casa ad aspettare il tecnico, per niente",
    "terzo appuntamento col tecnico saltato, siete seri?",
)
# A reminder of what is still wrong, appended to impatience and complaints about the care.
_ISSUE_TAILS = {
    "billing": ("e intanto la bolletta sbagliata resta lì", "e intanto il rimborso non arriva"),
    "network": ("e intanto sono ancora senza linea", "e intanto internet non va",
                "e io lavoro da casa"),
    "activation_porting": ("e intanto il numero non è ancora attivo", "e intanto sono senza telefono"),
    "offers_devices": ("e intanto pago un'offerta che non è quella promessa",
                       "e intanto il modem nuovo non arriva"),
    "telemarketing_privacy": ("e intanto i call center continuano a chiamare",
                              "e intanto il servizio a pagamento scala il credito"),
    "cancellation_contract": ("e intanto continuano ad arrivare fatture", "e intanto la penale resta"),
    "customer_service": ("e intanto nessuno risolve niente", "e intanto passano i giorni"),
    "other": ("",),
}
_NEG_TAILS = ("Vergogna.", "Bravi 👏", "Assurdo.", "Che pazienza.", "Siete incredibili.",
              "Complimenti.", "🙄", "Mi state facendo impazzire.", "", "", "")

# --------------------------------------------------------------------------- churn

_CHURN_REASONS = (
    "dopo {n} giorni senza linea", "con questo ennesimo aumento", "dopo {times} chiamate al {cc} a vuoto",
    "stanco di pagare {amount} per un servizio che non va", "dopo l'ennesimo addebito non richiesto",
    "dopo {weeks} settimane di attesa", "visto che nessuno risponde", "dopo {years} anni da cliente",
    "con una fibra che va a {speed}", "dopo l'ennesima promessa non mantenuta",
    "dopo il terzo tecnico che non si presenta", "con questa assistenza",
)
_THREAT_DEST = (
    "se entro domani non risolvete passo a {dest}", "ultima possibilità, poi vado con {dest}",
    "sto seriamente pensando di passare a {dest}",
    "con {dest} avrei la fibra a {price}, datemi un motivo per restare",
    "ho già in mano l'offerta di {dest}: o sistemate o me ne vado",
    "ancora un giorno così e firmo con {dest}",
    "se non mi ridate i soldi entro la settimana porto il numero a {dest}",
    "mi sa che è arrivato il momento di provare {dest}",
    "un amico con {dest} paga la metà e naviga il doppio, ci sto facendo un pensiero serio",
    "o risolvete entro {weekday} o chiedo la portabilità verso {dest}",
    "state perdendo un cliente, {dest} mi aspetta a braccia aperte",
)
_THREAT_PLAIN = (
    "se non risolvete entro domani cambio operatore", "un'altra settimana così e me ne vado",
    "state perdendo un cliente", "sto valutando seriamente altre offerte",
    "ultima chiamata: o risolvete o cambio gestore", "ancora una volta e vi saluto per sempre",
    "continuate così e perdete un altro cliente", "mi state spingendo verso la concorrenza",
    "se entro {weekday} non è tutto a posto cambio operatore, poi non lamentatevi",
    "valuto il passaggio ad altro operatore, altro che fidelizzazione",
)
_SWITCHED_DEST = (
    "ho chiesto la portabilità verso {dest}, addio", "da {weekday} sono cliente {dest}",
    "passato a {dest}, e si vive meglio", "numero portato su {dest} stamattina, non cercatemi più",
    "ho appena firmato con {dest}, buona fortuna a voi", "migrazione verso {dest} avviata, addio",
    "la SIM di {dest} è già nel telefono, ciao ciao", "fibra di {dest} installata ieri, la vostra tenetevela",
    "sono passato a {dest}, ditemi solo dove rimandare il modem",
    "addio, da oggi sono con {dest}", "portabilità verso {dest} già richiesta, non mi mancherete",
    "ho lasciato perdere e sono passata a {dest}",
)
_SWITCHED_PLAIN = (
    "ho già fatto la portabilità, addio", "cambiato operatore ieri, finalmente libero",
    "dal {date} non sono più vostro cliente, e non mi mancherete", "portabilità avviata, non mi vedrete più",
    "ho cambiato gestore, addio e grazie di niente", "me ne sono andato, tenetevi la vostra fibra",
    "numero già portato altrove, chiudete pure la pratica",
)
_CANCEL = (
    "voglio disdire il contratto, come faccio?", "come si manda la disdetta? Non ne posso più",
    "voglio recedere dal contratto senza pagare penali, visto che il servizio non funziona",
    "mandatemi il modulo di disdetta", "chiedo il recesso immediato per inadempimento",
    "disdetta della linea fissa: dove la mando? PEC o raccomandata?",
    "voglio chiudere SIM e fibra, subito", "come disattivo tutto senza passare dal {cc}, dove nessuno risponde?",
    "voglio la disdetta, e non provate a propormi sconti", "come si fa a disdire dall'app {app}? Non trovo la voce",
    "voglio cessare la linea, ditemi cosa serve",
)
_CANCEL_DEST = ("tanto ho già l'offerta di {dest}", "vado con {dest}", "passo a {dest}",
                "tanto {dest} mi attiva tutto in una settimana")
_CHURN_TAILS = {
    "threat": ("Vergogna.", "Ci siamo capiti.", "Decidete voi.", "Non è una minaccia, è una promessa.",
               "Ultimo avviso.", "Poi non lamentatevi.", "😤", "", ""),
    "switched": ("Addio.", "👋", "Bravi 👏", "Che tristezza.", "Vergogna.", "Ciao ciao 👋",
                 "Era ora.", "Tenetevi i vostri disservizi.", "", ""),
    "cancel": ("Basta.", "Ne ho abbastanza.", "Vergogna.", "Subito, grazie.", "Non ne posso più.",
               "Bravi 👏", "", ""),
}
# How customers name destinations, as in data/operators.toml aliases; the display name
# is the most frequent form.
_COMPETITOR_ALIASES = {
    "ho. Mobile": ("ho.", "ho. Mobile", "ho Mobile"),
    "Very Mobile": ("Very", "Very Mobile"),
    "WindTre": ("Wind Tre", "Wind"),
    "TIM": ("Tim",),
    "Vodafone": ("Voda",),
    "PosteMobile": ("Poste Mobile",),
    "Sky WiFi": ("Sky Wifi",),
    "Kena": ("Kena Mobile",),
}

# --------------------------------------------------------------------------- brand replies

# Informal (tu) voice shared by TIM, WindTre, Vodafone, Fastweb and unknown operators.
_REPLY = {
    "acknowledge": (
        "ci dispiace per il disagio, verifichiamo subito cosa sta succedendo.",
        "abbiamo letto la tua segnalazione e ci stiamo già guardando.",
        "capiamo il fastidio, facciamo subito una verifica.",
        "scusaci per l'attesa, stiamo controllando.",
        "grazie per la segnalazione, ci dispiace davvero: approfondiamo e ti aggiorniamo qui.",
        "capiamo la tua frustrazione e vogliamo vederci chiaro.",
        "ci spiace leggere questo, diamo subito un'occhiata.",
        "ricevuto, stiamo verificando.",
        "hai ragione, non è l'esperienza che vogliamo darti. Controlliamo.",
        "ci scusiamo per il disservizio, stiamo facendo le verifiche del caso.",
        "ci dispiace molto, approfondiamo subito la situazione.",
    ),
    "request_data": (
        "ci scrivi in DM il numero della linea? Così verifichiamo.",
        "per controllare ci serve il codice cliente: ce lo mandi in privato?",
        "puoi scriverci in DM numero di telefono, intestatario e indirizzo di attivazione?",
        "mandaci in DM il numero della pratica e il codice fiscale dell'intestatario, così approfondiamo.",
        "ci indichi in privato il numero su cui è attiva l'offerta?",
        "ti abbiamo scritto in DM: ci mandi lì il codice cliente?",
        "per verificare la copertura ci serve l'indirizzo completo, ce lo scrivi in DM?",
        "ci mandi in chat privata uno screenshot della fattura e il numero della linea?",
        "per aiutarti abbiamo bisogno del numero di telefono e del codice cliente, in DM.",
        "scrivici in privato il numero della linea fissa e un recapito, così controlliamo.",
    ),
    "escalate": (
        "abbiamo aperto una segnalazione ai colleghi tecnici, ti aggiorniamo appena abbiamo novità.",
        "abbiamo prenotato l'intervento di un tecnico per {weekday} {slot}.",
        "abbiamo inoltrato il caso al reparto competente con priorità alta.",
        "il ticket è stato aperto e preso in carico dal secondo livello.",
        "abbiamo sollecitato i tecnici per il guasto nella tua zona.",
        "abbiamo segnalato la pratica all'ufficio amministrativo per la verifica dell'addebito.",
        "abbiamo passato la richiesta al team portabilità, che ti contatterà entro {hours} ore.",
        "abbiamo fissato un appuntamento con il tecnico: ti chiamerà prima di passare.",
        "abbiamo aperto un reclamo formale, riceverai un SMS con il numero di pratica.",
        "abbiamo girato la tua segnalazione ai colleghi della rete, stanno lavorando sulla tua linea.",
        "ho sollecitato personalmente la pratica ai colleghi del back office.",
    ),
    "resolve": (
        "abbiamo riattivato la linea: ora dovresti navigare regolarmente.",
        "il rimborso di {amount} è stato disposto e lo troverai nella prossima fattura.",
        "abbiamo disattivato i servizi a pagamento e ti riaccreditiamo {small}.",
        "il guasto nella zona di {town} è stato risolto, riavvia il modem e sei a posto.",
        "la portabilità è stata completata, la SIM è attiva da questo pomeriggio.",
        "abbiamo corretto la fattura: l'importo giusto è {amount}.",
        "abbiamo stornato la penale, non ti sarà addebitato nulla.",
        "ora l'offerta {offer} risulta attiva correttamente sulla tua linea.",
        "abbiamo sbloccato la SIM e il credito è di nuovo disponibile.",
        "abbiamo riconfigurato la linea: spegni e riaccendi il modem e dovrebbe andare.",
        "abbiamo inserito il tuo numero nella lista di chi non vuole essere contattato, le chiamate smetteranno.",
        "abbiamo attivato il blocco dei servizi a sovrapprezzo sulla tua SIM.",
        "il modem risulta restituito e la pratica è chiusa, non ti arriveranno altri addebiti.",
        "abbiamo rimosso l'addebito di {amount}: lo vedrai stornato entro la prossima fattura.",
    ),
    "deflect": (
        "per questa richiesta ti invitiamo a contattare il {cc}.",
        "puoi gestire tutto in autonomia dall'app {app}.",
        "per queste verifiche devi rivolgerti al {cc}, i colleghi sapranno aiutarti.",
        "ti consigliamo di passare in uno dei nostri negozi con un documento.",
        "la portabilità dipende dal precedente operatore, ti suggeriamo di contattarlo.",
        "da qui non possiamo gestire questa richiesta: chiama il {cc} oppure usa l'app {app}.",
        "per la disdetta trovi tutte le informazioni sul sito, nella sezione dedicata.",
        "si tratta di un problema del vecchio operatore, ti consigliamo di rivolgerti a lui.",
        "puoi verificare lo stato della pratica dall'app {app}, sezione assistenza.",
        "per questo tipo di richiesta è necessario chiamare il {cc} dal numero interessato.",
        "trovi la guida completa sul nostro sito, nella sezione supporto.",
    ),
    "other": (
        "grazie mille per le belle parole, ci fa piacere!",
        "buona giornata anche a te!",
        "che bello leggere messaggi così, grazie!",
        "ti auguriamo un buon weekend!",
        "siamo qui per qualsiasi cosa.",
        "grazie per averci scelto!",
        "hai visto la nuova offerta {offer}? Trovi tutti i dettagli sul sito.",
        "grazie a te, giriamo i complimenti ai colleghi!",
        "felici che sia tutto a posto, buona serata!",
        "ahah, ci hai fatto sorridere 😄",
    ),
}
# Iliad speaks formally (Lei).
_REPLY_FORMAL = {
    "acknowledge": (
        "ci scusiamo per il disagio, stiamo verificando.",
        "abbiamo preso nota della Sua segnalazione e stiamo effettuando le verifiche.",
        "ci dispiace per l'inconveniente, approfondiamo subito.",
        "La ringraziamo per la segnalazione, stiamo controllando.",
        "comprendiamo il disagio e stiamo verificando la situazione.",
    ),
    "request_data": (
        "per verificare Le chiediamo di scriverci in privato il numero iliad interessato.",
        "La invitiamo a inviarci in DM il Suo numero e l'indirizzo di attivazione.",
        "può indicarci in messaggio privato il numero della linea e il codice cliente?",
        "per procedere ci servono in privato il numero di telefono e il codice fiscale dell'intestatario.",
        "Le chiediamo di inviarci in DM l'identificativo dell'Iliadbox e un recapito.",
    ),
    "escalate": (
        "abbiamo inoltrato la Sua segnalazione al reparto tecnico.",
        "abbiamo programmato l'intervento di un tecnico per {weekday} {slot}.",
        "la pratica è stata presa in carico dal secondo livello, sarà ricontattato a breve.",
        "abbiamo aperto una segnalazione prioritaria, riceverà aggiornamenti via SMS.",
        "abbiamo sollecitato il reparto portabilità per la Sua richiesta.",
    ),
    "resolve": (
        "la Sua linea è stata riattivata, può riavviare il dispositivo.",
        "il rimborso di {amount} è stato disposto sul metodo di pagamento registrato.",
        "la portabilità risulta completata, la SIM è operativa.",
        "abbiamo risolto il guasto nella zona di {town}, il servizio è tornato regolare.",
        "l'addebito errato è stato annullato, non dovrà fare nulla.",
        "abbiamo aggiornato la configurazione dell'Iliadbox, ora la connessione è regolare.",
    ),
    "deflect": (
        "La invitiamo a contattare il servizio clienti al 177.",
        "può gestire la richiesta in autonomia dalla Sua area personale sul sito.",
        "per questa operazione può rivolgersi a uno dei nostri Iliad Store o Simbox.",
        "la portabilità dipende dal precedente operatore, La invitiamo a contattarlo.",
        "trova tutte le informazioni nella Sua area personale, sezione assistenza.",
        "per la disdetta può seguire la procedura indicata nella Sua area personale.",
    ),
    "other": (
        "La ringraziamo per il messaggio.",
        "grazie per la fiducia, buona giornata.",
        "siamo lieti che sia soddisfatto del servizio.",
        "restiamo a disposizione.",
        "La ringraziamo per le belle parole.",
    ),
}
_REPLY_SECOND = {
    "acknowledge": ("Ti aggiorniamo appena possibile.", "Ci teniamo a sistemare la cosa.",
                    "Un attimo di pazienza.", "", "", ""),
    "request_data": ("Appena ci scrivi verifichiamo.", "Ti rispondiamo lì.", "Grazie!", "", ""),
    "escalate": ("Ti teniamo aggiornato qui o in DM.", "Riceverai un SMS di conferma.",
                 "Ti scriviamo appena abbiamo novità.", "", ""),
    "resolve": ("Facci sapere se è tutto ok!", "Se dovessi avere altri problemi scrivici pure.",
                "Ci scusiamo ancora per il disagio.", "", ""),
    "deflect": ("Grazie per la comprensione.", "Lì trovi tutte le informazioni.", "", ""),
    "other": ("😊", "A presto!", "", ""),
}
_REPLY_CLOSERS = ("Restiamo a disposizione.", "A presto!", "Buona giornata.", "Buona serata!",
                  "", "", "", "")

# --------------------------------------------------------------------------- decorate

_ABBREVIATIONS = {
    "perché": ("perche", "xké", "xke", "perchè", "xchè"), "non": ("nn",), "comunque": ("cmq",),
    "che": ("ke", "k"), "per": ("x",), "tutto": ("tt",), "messaggio": ("msg",),
    "messaggi": ("msg",), "grazie": ("grz", "grazieee"), "sono": ("sn",), "anche": ("anke",),
    "quando": ("qnd", "qndo"), "questo": ("qst",), "qualcosa": ("qlcs",), "niente": ("nnt", "niente"),
    "cosa": ("cs",), "più": ("piu", "+"), "però": ("pero", "xò"), "già": ("gia",),
    "così": ("cosi",), "è": ("e", "e'"), "c'è": ("ce", "c e"), "giorni": ("gg",),
    "minuti": ("min",), "comunicazione": ("comunicaz.",), "ancora": ("ankora",),
    "qualcuno": ("qlcn",), "domani": ("dmn",), "adesso": ("adex",), "numero": ("num", "n."),
}
_ABBREV_RE = re.compile(r"(?<![\w@#])(?:" + "|".join(
    re.escape(w) for w in sorted(_ABBREVIATIONS, key=len, reverse=True)) + r")(?!\w)")
_NO_ACCENTS = str.maketrans("èéàòùì", "eeaoui")
_APOSTROPHE_ACCENTS = str.maketrans({"è": "e'", "é": "e'", "à": "a'", "ò": "o'", "ù": "u'", "ì": "i'"})
_ELONGABLE = re.compile(r"\b(basta|grazie|ciao|no|dai|allora|ancora|vergogna|zero|niente|nulla|"
                        r"bravi|quindi|ladri|finalmente|pazzesco|ok|svegliatevi|perfetto)\b", re.I)
_EMOJI = {
    "neg": ("😡", "🤬", "🙄", "👏", "😤", "😂", "🤦‍♂️", "🤡", "😒", "💸"),
    "neu": ("🙏", "🤔", "😅", "👀"),
    "pos": ("🙏", "😊", "😂", "👍", "❤️", "💪", "🥳", "😍"),
}
_HASHTAGS = {
    "neg": ("#disservizio", "#vergogna", "#ladri", "#servizioclienti", "#assistenza", "#truffa",
            "#maipiù", "#clientiabbandonati"),
    "neu": ("#info", "#assistenza"),
    "pos": ("#grazie", "#soddisfatto", "#top"),
}
_OPERATOR_TAGS = {"tim": ("#TIM", "#tim", "#Telecom"), "windtre": ("#WindTre", "#windtre", "#Wind3"),
                  "vodafone": ("#Vodafone", "#vodafone"), "fastweb": ("#Fastweb", "#fastweb"),
                  "iliad": ("#iliad", "#Iliad")}
# Dialect touches by region: (prefixes, suffixes) per tone.
_DIALECT = {
    "neg": (
        (("Aò, ", "Ma che state a fa'? ", "Mo' basta, "), ("nun se po' sta' così", "ma annatevene", "che ve possino", "e daje")),
        (("Uè, ", "Mannaggia, ", "Mamma mia, "), ("nun se ne può cchiù", "mannaggia a vuje", "stamm' sempe accussì")),
        (("Uè, ", "Ma va là, ", "Oh, "), ("ma va a ciapà i ratt", "che sbatti", "pirla")),
        (("Mizzica, ", "Talìa, ", "Amunì, "), ("non si può campare accussì", "mi siddiai", "che camurrìa")),
    ),
    "neu": (
        (("Aò, ", "Scusate, "), ("",)),
        (("Uè, ", "Jamme, "), ("",)),
        (("Uè, ", "Sciur, "), ("neh",)),
        (("Amunì, ",), ("",)),
    ),
    "pos": (
        (("Daje! ", "Aò, "), ("daje!", "mortacci che velocità")),
        (("Jamme! ", "Uè, "), ("grazie assaje!", "site 'e meglio")),
        (("Uè, ",), ("bel lavoro, neh", "grazie neh")),
        (("Mizzica, ", "Amunì, "), ("mizzica!", "grazie assai")),
    ),
}
# Tone of a text that decorate() did not see being written (see _remember): words and
# phrases that make a post read negative or positive. Emoji and hashtags must not flip it.
_NEG_WORDS = frozenset("""
vergogna vergognatevi vergognoso ladri ladro schifo ancora nessuno nessuna nessun niente nulla
assurdo assurda bravi complimenti basta pessimo pessima ridicoli ridicolo disdire disdetta recesso
recedere addio cavolo truffa truffatori scandalo sordi incredibile incredibili ennesima ennesimo zero
disastro impossibile rispondete svegliaaa furioso esasperata silenzio sparito sparita rimbalzato
rimbalzate scaricabarile saltato isolato insopportabile delusione lentissimo cadono stancato
mancherete svuotato maleducato inadempimento mai macché quindi up sbagliata sbagliato
minaccia tenetevi tenetevela concorrenza pazzesco incommentabile scortesi perdendo perdete
stesso stessa continua continuano valuto valutando agonia doppio doveva dovevano promesso
""".split())
_NEG_PHRASES = re.compile(r"non (?:va|funziona|si|è|c|mi|ne)|senza (?:linea|internet|telefono)|"
                          r"cambio (?:operatore|gestore)|pass(?:o|ato|ata) a |me ne vado|verso |"
                          r"prendete in giro|quale risolto|chi ve l'ha chiesto|!!|\?!|👏|🙄|😡|🤬|😤")
_POS_WORDS = frozenset("""
grazie risolto funziona perfetto perfetta ottimo ottima gentile gentilissimi gentilissimo finalmente
top soddisfatto consiglio vola bellissimo alla grande sistemato contento apprezzo impeccabile
promossi comodissimo comodissima velocissimi chapeau va
""".split())
_PUNCTUATION = str.maketrans({c: " " for c in ".,;:!?()'\"…"})
# Tones of the texts this module wrote last, so that decorate() knows them exactly.
_KNOWN_TONE: dict[str, str] = {}
_TONE_OF_SENTIMENT = {"negative": "neg", "neutral": "neu", "positive": "pos"}
_TONE_OF_FOLLOWUP = {"data_sent": "neu", "fixed": "pos"}

# --------------------------------------------------------------------------- machinery

_formatter = Formatter()
_FIELDS_CACHE: dict[str, tuple[str, ...]] = {}
_OPERATOR_CACHE: dict[str, str | None] = {}


def _fields(template: str) -> tuple[str, ...]:
    found = _FIELDS_CACHE.get(template)
    if found is None:
        found = tuple(name for _, name, _, _ in _formatter.parse(template) if name)
        _FIELDS_CACHE[template] = found
    return found


def _amount(rng: random.Random, _op) -> str:
    euros = rng.randint(4, 129)
    cents = rng.choice(_CENTS)
    form = rng.random()
    if form < 0.55:
        return f"{euros},{cents} €"
    if form < 0.75:
        return f"{euros},{cents}€"
    if form < 0.9:
        return f"€ {euros},{cents}"
    return f"{euros} euro"


# No 8 and 11: they would need "dall'8", "l'11" after the templates' "dal", "il".
_DAYS_OF_MONTH = tuple("1°" if d == 1 else str(d) for d in range(1, 29) if d not in (8, 11))


def _price(rng: random.Random, _op) -> str:
    """A monthly offer price."""
    return f"{rng.randint(5, 34)},{rng.choice(('99', '99', '90', '95'))} €"


def _rise(rng: random.Random, _op) -> str:
    """A price increase: 'da 24,99 € a 27,99 €'."""
    base, cents = rng.randint(6, 40), rng.choice(("99", "90", "95"))
    return f"da {base},{cents} € a {base + rng.randint(1, 6)},{cents} €"


def _jump(rng: random.Random, _op) -> str:
    """A bill far above the usual one: '87,40 € invece dei soliti 29,90 €'."""
    usual = rng.randint(15, 50)
    billed = usual * rng.randint(2, 4) + rng.randint(0, 9)
    return f"{billed},{rng.choice(_CENTS)} € invece dei soliti {usual},{rng.choice(_CENTS)} €"


def _date(rng: random.Random, _op) -> str:
    return f"{rng.choice(_DAYS_OF_MONTH)} {rng.choice(_MONTHS)}"


def _op_value(key: str):
    def pick(rng: random.Random, op: str | None) -> str:
        return rng.choice(_OPERATOR_DATA.get(op, _GENERIC_DATA)[key])
    return pick


def _pick_from(values: tuple[str, ...]):
    return lambda rng, _op: rng.choice(values)


def _mobile(rng: random.Random) -> str:
    prefix = rng.choice(_MOBILE_PREFIXES)
    digits = str(rng.randint(1_000_000, 9_999_999))
    form = rng.random()
    if form < 0.4:
        return f"{prefix} {digits[:3]} {digits[3:]}"
    if form < 0.7:
        return prefix + digits
    if form < 0.85:
        return f"{prefix}-{digits}"
    return f"+39 {prefix} {digits}"


def _email(rng: random.Random) -> str:
    sep = rng.choice((".", "_", ""))
    tail = rng.choice(("", str(rng.randint(1, 99)), str(rng.randint(1960, 2005))))
    return f"{rng.choice(_FIRST_NAMES)}{sep}{rng.choice(_SURNAMES)}{tail}@{rng.choice(_MAIL_DOMAINS)}"


def _iban(rng: random.Random) -> str:
    # Valid ISO 13616 check digits, so the fake looks exactly like a real Italian IBAN.
    bban = (rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            + "".join(rng.choice("0123456789") for _ in range(22)))
    numeric = "".join(str(int(c, 36)) for c in bban + "IT00")
    iban = f"IT{98 - int(numeric) % 97:02d}{bban}"
    if rng.random() < 0.5:
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


_SLOTS = {
    "amount": _amount, "price": _price, "rise": _rise, "jump": _jump, "date": _date,
    "topup": _pick_from(_TOPUPS),
    "small": _pick_from(_SMALL_AMOUNTS), "town": _pick_from(_TOWNS), "month": _pick_from(_MONTHS),
    "weekday": _pick_from(_WEEKDAYS), "n": _pick_from(_DAYS), "weeks": _pick_from(_WEEKS),
    "hours": _pick_from(_HOURS), "mins": _pick_from(_MINUTES), "times": _pick_from(_TIMES),
    "ord": _pick_from(_ORDINALS), "years": _pick_from(_YEARS), "lock": _pick_from(_MONTHS_LOCK),
    "slot": _pick_from(_SLOTS_TECH), "when": _pick_from(_WHEN), "line": _pick_from(_LINES),
    "speed": _pick_from(_BAD_SPEEDS), "nominal": _pick_from(_NOMINAL_SPEEDS),
    "good": _pick_from(_GOOD_SPEEDS), "giga": _pick_from(_GIGA), "device": _pick_from(_DEVICES),
    "country": _pick_from(_COUNTRIES), "agent": _pick_from(_AGENTS),
    "cc": _op_value("cc"), "app": _op_value("app"), "modem": _op_value("modem"),
    "offer": _op_value("offer"),
}


def _fill(rng: random.Random, template: str, op: str | None = None, **given: str) -> str:
    names = _fields(template)
    if not names:
        return template
    values = {}
    for name in names:
        values[name] = given[name] if name in given else _SLOTS[name](rng, op)
    return template.format_map(values)


def _pick(rng: random.Random, pool: tuple[str, ...], op: str | None = None, **given: str) -> str:
    return _fill(rng, rng.choice(pool), op, **given)


def _join(parts) -> str:
    """Space-joined sentence parts: each capitalised when it starts a sentence, and a full
    stop added when a part without final punctuation is followed by a new sentence."""
    out = []
    capital = True
    for part in parts:
        if not part:
            continue
        first = part[0]
        if capital:
            if first.islower():
                part = first.upper() + part[1:]
        elif out and first.isupper() and not part[:2].isupper() and out[-1][-1].isalnum():
            out[-1] += "."
        out.append(part)
        last = part[-1]
        capital = last in ".!?" or last > "\u2000"  # emoji end a sentence too
    return " ".join(out)


def _remember(text: str, tone: str) -> str:
    if len(_KNOWN_TONE) >= 4096:
        _KNOWN_TONE.clear()
    _KNOWN_TONE[text] = tone
    return text


def _operator_of(handle: str) -> str | None:
    found = _OPERATOR_CACHE.get(handle, "?")
    if found == "?":
        key = handle.lower()
        found = None
        for needle, op in (("wind", "windtre"), ("3italia", "windtre"), ("tre_it", "windtre"),
                           ("treitalia", "windtre"), ("vodafone", "vodafone"), ("fastweb", "fastweb"),
                           ("iliad", "iliad"), ("tim", "tim")):
            if needle in key:
                found = op
                break
        if len(_OPERATOR_CACHE) < 10_000:
            _OPERATOR_CACHE[handle] = found
    return found


def _competitor_form(rng: random.Random, competitor: str) -> str:
    aliases = _COMPETITOR_ALIASES.get(competitor)
    if aliases and rng.random() < 0.3:
        return rng.choice(aliases)
    return competitor


def _place_handle(rng: random.Random, body_parts: list[str], handle: str, tone: str) -> str:
    """The handle first (most posts), in a salutation, or at the end."""
    where = rng.random()
    if where < 0.62:
        text = _join(body_parts)
        if rng.random() < 0.4 and not text[:2].isupper():
            text = text[0].lower() + text[1:]
        return f"{handle} {text}"
    if where < 0.84:
        # A salutation replaces the opener, which would read twice.
        salute = rng.choice(_SALUTES[tone]).format(h=handle)
        return _join([salute] + body_parts[1:])
    return _join(body_parts) + " " + rng.choice(_TAILS[tone]).format(h=handle)


# --------------------------------------------------------------------------- API

def customer_opening(rng: random.Random, category: str, sentiment: str, handle: str) -> str:
    """First post of a conversation about `category`, with `sentiment`, addressed to `handle`."""
    if category not in _CORES:
        category = "other"
    if sentiment not in _OPENERS:
        sentiment = "neutral"
    op = _operator_of(handle)
    r = rng.random
    parts = [_pick(rng, _OPENERS[sentiment], op) if r() < 0.45 else ""]
    core = _pick(rng, _CORES[category][sentiment], op)
    if core[-1] not in "?!.":
        core += rng.choice((".", ".", "!", "", "...")) if sentiment != "neutral" else "."
    parts.append(core)
    # Most posts are short; about one negative post in ten is a long rant.
    rant = sentiment == "negative" and r() < 0.1
    if sentiment == "negative":
        details = _DETAILS[category]
        for _ in range(rng.randint(3, 5) if rant else (r() < 0.55) + (r() < 0.15)):
            pool = details if r() < 0.6 else _SHARED_DETAILS["negative"]
            detail = _pick(rng, pool, op)
            if detail not in parts:
                parts.append(detail)
        if rant and not parts[0]:
            parts[0] = _pick(rng, _OPENERS["negative"], op)
    elif r() < (0.5 if sentiment == "neutral" else 0.35):
        parts.append(_pick(rng, _SHARED_DETAILS[sentiment], op))
    if rant or r() < 0.55:
        if sentiment == "negative" and r() < 0.25:
            parts.append(rng.choice(_IRONY[category]))
        else:
            parts.append(rng.choice(_CLOSERS[sentiment]))
    text = _place_handle(rng, parts, handle, sentiment)
    if r() < 0.01:
        kind = rng.choice(("phone", "phone", "email", "iban"))
        value = _mobile(rng) if kind == "phone" else _email(rng) if kind == "email" else _iban(rng)
        text = _join([text, rng.choice(_CONTACT_PHRASES[kind]).format(mobile=value, email=value, iban=value)])
    return _remember(text, _TONE_OF_SENTIMENT[sentiment])


def customer_followup(rng: random.Random, kind: str, category: str) -> str:
    """A customer's later message in the thread (see FOLLOWUP_KINDS)."""
    if category not in _CORES:
        category = "other"
    r = rng.random
    if kind == "data_sent":
        text = _pick(rng, _DATA_SENT)
        if r() < 0.25:
            extra = _pick(rng, _DATA_EXTRA[category])
            if extra:
                text += " " + extra
        text = _join([text, rng.choice(_DATA_TAILS)])
    elif kind == "still_broken":
        prefix = rng.choice(_STILL_PREFIXES)
        if r() < 0.2:
            text = _join([prefix])
        else:
            if prefix[-1] not in ".?":
                prefix += rng.choice((",", ":", "."))
            core = _pick(rng, _STILL_CORES[category]) + rng.choice((".", "", "!"))
            text = _join([prefix, core, _pick(rng, _STILL_TAILS)])
    elif kind == "fixed":
        core = rng.choice(_FIXED_CORES)
        extra = _pick(rng, _FIXED_EXTRA[category]) if r() < 0.5 else ""
        if not extra:
            parts = [core]
        elif r() < 0.5:
            parts = [extra + rng.choice((",", ":", ".")), core]
        else:
            parts = [core, extra + rng.choice((".", "!", " 🙏"))]
        parts.append(rng.choice(_FIXED_TAILS))
        text = _join(parts)
    else:
        pool = {"impatient": _IMPATIENT, "repeat_data": _REPEAT_DATA, "bounced": _BOUNCED,
                "technician_no_show": _NO_SHOW}.get(kind, _IMPATIENT)
        parts = [_pick(rng, pool)]
        if r() < 0.3:
            tail = rng.choice(_ISSUE_TAILS[category])
            if tail:
                if parts[0][-1] in "?!.":
                    parts.append(tail + ".")
                else:
                    parts[0] += ", " + tail
        parts.append(rng.choice(_NEG_TAILS))
        text = _join(parts)
    return _remember(text, _TONE_OF_FOLLOWUP.get(kind, "neg"))


def churn_message(rng: random.Random, kind: str, competitor: str | None, handle: str) -> str:
    """A customer threatening to leave, announcing they left, or asking to cancel."""
    op = _operator_of(handle)
    r = rng.random
    dest = _competitor_form(rng, competitor) if competitor else None
    if kind == "switched":
        core = _pick(rng, _SWITCHED_DEST if dest else _SWITCHED_PLAIN, op, dest=dest)
    elif kind == "cancel":
        core = _pick(rng, _CANCEL, op)
    else:
        core = _pick(rng, _THREAT_DEST if dest else _THREAT_PLAIN, op, dest=dest)
    # A reason reads well before a statement, not before a question ("come si manda...?").
    if r() < 0.45 and (kind != "cancel" or core.startswith(("voglio", "chiedo"))):
        core = _pick(rng, _CHURN_REASONS, op) + ", " + core
    if core[-1] not in "?!.":
        core += rng.choice((".", "!")) if kind == "cancel" and dest else rng.choice((".", "!", ""))
    parts = [core]
    if kind == "cancel" and dest:
        parts.append(_pick(rng, _CANCEL_DEST, op, dest=dest) + rng.choice((".", "!", "")))
    parts.append(rng.choice(_CHURN_TAILS.get(kind, _CHURN_TAILS["threat"])))
    text = _join(parts)
    where = r()
    if where < 0.6:
        text = f"{handle} {text}"
    elif where < 0.85:
        text = f"{text} {'cc ' if r() < 0.3 else ''}{handle}"
    return _remember(text, "neg")


def _greeting(rng: random.Random, operator: str, name: str | None) -> tuple[str, str]:
    """(greeting, signature) in the operator's voice."""
    agent = rng.choice(_AGENTS)
    if agent == name:
        agent = rng.choice(_AGENTS)
    r = rng.random()
    if operator == "tim":
        if name:
            greet = f"Ciao {name}," if r < 0.7 else f"Ciao {name}, grazie per il messaggio."
        else:
            greet = rng.choice(("Ciao,", "Ciao!", "Ciao, grazie per averci scritto."))
        return greet, "^" + rng.choice(_TIM_INITIALS)
    if operator == "windtre":
        greet = rng.choice((f"Ciao {name} 😊", f"Ciao {name}!", f"Ehi {name},") if name
                           else ("Ciao 😊", "Ciao!", "Ehi,"))
        return greet, "^" + agent
    if operator == "vodafone":
        greet = rng.choice((f"Ciao {name}, sono {agent}.", f"Ciao {name}, qui {agent} del team Vodafone.")
                           if name else (f"Ciao, sono {agent}.", f"Ciao, sono {agent} di Vodafone."))
        return greet, (f"Un saluto, {agent}" if r < 0.2 else "")
    if operator == "fastweb":
        greet = rng.choice((f"Ciao {name}! 👋", f"Ehi {name},", f"Ciao {name}, qui il Team Fastweb.")
                           if name else ("Ciao! 👋", "Ehi,", "Ciao, qui il Team Fastweb."))
        return greet, rng.choice((f"- {agent}", f"{agent} | Team Fastweb", f"{agent} 💛", ""))
    if operator == "iliad":
        greet = rng.choice((f"Gentile {name},", f"Buongiorno {name},") if name
                           else ("Gentile cliente,", "Buongiorno,", "Gentile utente,"))
        return greet, rng.choice(("Il team iliad", "Assistenza iliad", "Cordiali saluti, iliad", ""))
    if name:
        return (f"Ciao {name}," if r < 0.6 else f"Buongiorno {name},"), ""
    return rng.choice(("Ciao,", "Buongiorno,", "")), ""


def brand_reply(rng: random.Random, act: str, operator: str, customer_name: str | None) -> str:
    """A reply of `operator`'s care team performing `act` (see BRAND_ACTS)."""
    if act not in _REPLY:
        act = "other"
    greet, signature = _greeting(rng, operator, customer_name)
    if operator == "iliad":
        parts = [greet, _pick(rng, _REPLY_FORMAL[act], operator),
                 "Restiamo a disposizione." if rng.random() < 0.3 else ""]
    else:
        op = operator if operator in _OPERATOR_DATA else None
        parts = [greet, _pick(rng, _REPLY[act], op), rng.choice(_REPLY_SECOND[act])]
        if act != "other":
            parts.append(rng.choice(_REPLY_CLOSERS))
    parts.append(signature)
    return _join(parts)


def _tone(text: str) -> str:
    known = _KNOWN_TONE.get(text)
    if known:
        return known
    low = text.lower()
    words = low.translate(_PUNCTUATION).split()
    if not _NEG_WORDS.isdisjoint(words) or _NEG_PHRASES.search(low):
        return "neg"
    if not _POS_WORDS.isdisjoint(words) or "❤️" in low or "🙏" in low:
        return "pos"
    return "neu"


def _outside_handles(text: str, change) -> str:
    """change() applied to the text but not to the first @handle (handles must stay findable)."""
    at = text.find("@")
    if at < 0:
        return change(text)
    end = text.find(" ", at)
    if end < 0:
        end = len(text)
    return change(text[:at]) + text[at:end] + change(text[end:])


def _typo(rng: random.Random, text: str) -> str:
    size = len(text)
    if size < 6:
        return text
    for _ in range(4):
        i = rng.randrange(1, size - 2)
        c = text[i]
        if c.isalpha() and text[i - 1].isalpha() and text[i + 1].isalpha():
            start = text.rfind(" ", 0, i) + 1
            if text[start] not in "@#":
                break
    else:
        return text
    kind = rng.random()
    if kind < 0.4:
        return text[:i] + text[i + 1] + c + text[i + 2:]  # swapped letters
    if kind < 0.7:
        return text[:i] + text[i + 1:]  # dropped letter
    return text[:i] + c + text[i:]  # doubled letter


def _shout_word(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(3):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 3 and w[0] not in "@#":
            words[i] = w.upper()
            break
    return " ".join(words)


def _prefix(text: str, prefix: str) -> str:
    """prefix put at the start of the text, after a leading @handle."""
    head = ""
    if text.startswith("@"):
        space = text.find(" ")
        if space > 0:
            head, text = text[:space + 1], text[space + 1:]
    if text[:1].isupper() and text[1:2].islower():
        text = text[0].lower() + text[1:]
    return head + prefix + text


def decorate(rng: random.Random, text: str, messiness: float, sentiment: str | None = None) -> str:
    """`text` made to look like a real social-media post; messiness 0 leaves it unchanged.
    The sentiment, when the caller knows it, keeps angry decoration off happy posts."""
    if messiness <= 0 or not text:
        return text
    m = 1.0 if messiness > 1 else messiness
    r = rng.random
    tone = _TONE_OF_SENTIMENT[sentiment] if sentiment else _tone(text)

    if r() < 0.7 * m:
        share = 0.25 + 0.6 * m
        choice = rng.choice

        def abbreviate(match: re.Match) -> str:
            word = match.group(0)
            return choice(_ABBREVIATIONS[word]) if r() < share else word
        text = _ABBREV_RE.sub(abbreviate, text)
    if r() < 0.5 * m:
        text = text.translate(_NO_ACCENTS if r() < 0.7 else _APOSTROPHE_ACCENTS)
    if r() < 0.3 * m:
        text = _outside_handles(text, str.lower)
    for _ in range(int(m * 3.5 * r())):
        text = _typo(rng, text)
    if r() < 0.3 * m:
        text = _ELONGABLE.sub(lambda mo: mo.group(0) + mo.group(0)[-1] * rng.randint(2, 4), text, count=1)
    if r() < 0.3 * m:
        # Only commas followed by a space: "29,99 €" must survive.
        text = text.replace(", ", " ").rstrip(".").rstrip()
    if r() < 0.45 * m:
        text = text.replace("!", rng.choice(("!!!", "!!", "!!!!"))).replace("?", rng.choice(("???", "??", "?!?")))
        if tone == "neg" and text[-1] not in "!?" and r() < 0.5:
            text = text.rstrip(".") + rng.choice(("!!!", "!!", "!!!!!"))
    if r() < 0.35 * m:
        text = _shout_word(rng, text)
        if r() < 0.3:
            text = _shout_word(rng, text)
    elif tone == "neg" and r() < 0.06 * m:
        text = _outside_handles(text, str.upper)
    if r() < 0.12 * m:
        prefixes, suffixes = rng.choice(_DIALECT[tone])
        if r() < 0.5:
            text = _prefix(text, rng.choice(prefixes))
        else:
            suffix = rng.choice(suffixes)
            if suffix:
                text = text.rstrip(".").rstrip() + ", " + suffix
    if r() < 0.7 * m:
        emoji = rng.choice(_EMOJI[tone])
        count = rng.choice((1, 1, 1, 2, 3))
        if r() < 0.5:
            emoji *= count
        else:
            emoji = "".join(rng.choice(_EMOJI[tone]) for _ in range(count))
        text += ("" if r() < 0.2 else " ") + emoji
    if r() < 0.35 * m:
        tags = []
        at = text.find("@")
        if at >= 0 and r() < 0.7:
            end = text.find(" ", at)
            op = _operator_of(text[at:end if end > 0 else len(text)])
            if op:
                tags.append(rng.choice(_OPERATOR_TAGS[op]))
        if tone == "neg" or r() < 0.5:
            tags.append(rng.choice(_HASHTAGS[tone]))
            if tone == "neg" and r() < 0.3:
                tags.append(rng.choice(_HASHTAGS[tone]))
        if tags:
            text += " " + " ".join(tags)
    return text
