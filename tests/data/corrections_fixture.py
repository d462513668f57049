"""The hand-chosen labels of tests/data/corrections_threads.csv and its Label Studio export
(tests/data/labelstudio_export.json): run from the repository root to write both again."""
import json
from pathlib import Path

# conversation: operator, customer, [(id, is_brand, minute, text, labels)]
THREADS = [
    ("tim", "anna", [("t1a", False, 0, "la linea di casa è muta da stamattina", dict(sentiment="negative", category="network", churn="none", followup="none")),
                     ("t1b", True, 15, "ciao Anna, abbiamo aperto una segnalazione al tecnico", dict(act="escalate")),
                     ("t1c", False, 300, "è tornata la linea, grazie mille", dict(sentiment="positive", category="network", churn="none", followup="fixed"))]),
    ("tim", "bruno", [("t2a", False, 0, "fattura doppia questo mese, se non sistemate me ne vado", dict(sentiment="negative", category="billing", churn="threat", followup="none")),
                      ("t2b", True, 20, "ciao Bruno, ci scrivi in privato il codice cliente?", dict(act="request_data")),
                      ("t2c", False, 400, "ancora niente, la fattura è sempre doppia", dict(sentiment="negative", category="billing", churn="none", followup="still_broken"))]),
    ("tim", "carla", [("t3a", False, 0, "che offerte avete per il nuovo telefono?", dict(sentiment="neutral", category="offers_devices", churn="none", followup="none")),
                      ("t3b", True, 10, "ciao Carla, trovi tutte le offerte nella pagina dedicata, ti abbiamo attivato lo sconto", dict(act="resolve")),
                      ("t3c", False, 60, "perfetto, tutto a posto", dict(sentiment="positive", category="offers_devices", churn="none", followup="fixed"))]),
    ("tim", "dario", [("t4a", False, 0, "internet lentissimo da una settimana", dict(sentiment="negative", category="network", churn="none", followup="none")),
                      ("t4b", True, 30, "ciao Dario, chiama il servizio clienti per assistenza", dict(act="deflect")),
                      ("t4c", False, 500, "non funziona ancora, ho già cambiato gestore", dict(sentiment="negative", category="network", churn="switched", followup="still_broken"))]),
    ("tim", "elena", [("t5a", False, 0, "grazie per la velocità del nuovo modem", dict(sentiment="positive", category="customer_service", churn="none", followup="none")),
                      ("t5b", True, 5, "grazie a te Elena!", dict(act="acknowledge")),
                      ("t5c", False, 20, "buona giornata", dict(sentiment="neutral", category="customer_service", churn="none", followup="none"))]),
    ("vodafone", "fabio", [("v1a", False, 0, "niente segnale in casa da due giorni", dict(sentiment="negative", category="network", churn="none", followup="none")),
                           ("v1b", True, 25, "ciao Fabio, abbiamo inoltrato la segnalazione ai tecnici", dict(act="escalate")),
                           ("v1c", False, 600, "sempre senza segnale, se continua cambio operatore", dict(sentiment="negative", category="network", churn="threat", followup="still_broken"))]),
    ("vodafone", "gina", [("v2a", False, 0, "mi avete addebitato un servizio mai chiesto", dict(sentiment="negative", category="billing", churn="none", followup="none")),
                          ("v2b", True, 40, "ciao Gina, ci mandi in privato il numero della linea?", dict(act="request_data")),
                          ("v2c", False, 700, "rimborso arrivato, grazie", dict(sentiment="positive", category="billing", churn="none", followup="fixed"))]),
    ("vodafone", "ivo", [("v3a", False, 0, "voglio disdire il contratto, la portabilità non parte", dict(sentiment="negative", category="activation_porting", churn="cancel", followup="none")),
                         ("v3b", True, 35, "ciao Ivo, per la disdetta vai nel negozio più vicino", dict(act="deflect")),
                         ("v3c", False, 90, "assurdo", dict(sentiment="negative", category="activation_porting", churn="none", followup="none"))]),
    ("vodafone", "luca", [("v4a", False, 0, "a che ora apre il negozio di via Roma?", dict(sentiment="neutral", category="other", churn="none", followup="none")),
                          ("v4b", True, 12, "ciao Luca, ci informiamo e ti facciamo sapere", dict(act="acknowledge")),
                          ("v4c", False, 30, "ok aspetto", dict(sentiment="neutral", category="other", churn="none", followup="none"))]),
    ("vodafone", "marta", [("v5a", False, 0, "la fibra cade ogni sera", dict(sentiment="negative", category="network", churn="none", followup="none")),
                           ("v5b", True, 50, "ciao Marta, apriamo un ticket per la tua linea", dict(act="escalate")),
                           ("v5c", False, 800, "vediamo", dict(sentiment="negative", category="network", churn="none", followup="none"))]),
]
UNCORRECTED = [
    ("fastweb", "nina", [("f1a", False, 0, "modem spento e nessuno risponde", None), ("f1b", True, 45, "ciao Nina, ci scrivi in DM il codice cliente?", None),
                         ("f1c", False, 300, "ora funziona, grazie", None)]),
    ("fastweb", "oscar", [("f2a", False, 0, "la bolletta è sbagliata", None), ("f2b", True, 30, "ciao Oscar, verifichiamo subito", None),
                          ("f2c", False, 200, "ancora nulla", None)]),
]
import csv
import io

buffer = io.StringIO()
writer = csv.writer(buffer, lineterminator="\n")
writer.writerow(["message_id", "operator", "channel", "author_id", "is_brand", "created_at", "text", "in_reply_to"])
tasks = []
for day, (op, who, messages) in enumerate(THREADS + UNCORRECTED):
    previous = None
    for mid, brand, minute, text, labels in messages:
        at = f"2026-03-{2 + day // 4:02d}T{9 + minute // 60:02d}:{minute % 60:02d}:00Z"
        author = {"tim": "TIM_Official", "vodafone": "VodafoneIT", "fastweb": "FastwebSpA"}[op] if brand else who
        writer.writerow([mid, op, "twitter", author, "true" if brand else "false", at, text, previous or ""])
        previous = mid
        if labels:
            tasks.append({"id": len(tasks) + 1, "data": {"message_id": mid, "source": "canonical", "text": text},
                          "annotations": [{"completed_by": {"email": "ada@example.it"},
                                           "created_at": "2026-03-20T10:00:00.000Z",
                                           "result": [{"from_name": task, "to_name": "text", "type": "choices",
                                                       "value": {"choices": [label]}} for task, label in labels.items()]}]})
Path("tests/data/corrections_threads.csv").write_text(buffer.getvalue(), encoding="utf-8")
Path("tests/data/labelstudio_export.json").write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
print(len(tasks), "tasks")
