"""The model card, models/MODEL_CARD.md: the scores of evaluate.py written out, with the
data, the model and what was tried."""
from __future__ import annotations

import re
from datetime import date

from models.classifier import CareModel
from models.corpus import NEAR_DUPLICATE, TEST_SHARE, Example, is_real
from models.evaluate import MIN_GENRE_TEST, TARGET_GENRE_DROP, TARGET_MACRO_F1, TARGET_SENTIPOLC, TUNING, TWEET_PREFIXES
from pipelines.contract.labels import SENTIMENT


def _table(report: dict) -> str:
    lines = ["| label | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
    for row in report["per_class"]:
        lines.append(f"| {row['label']} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")
    return "\n".join(lines)


def _confusion(report: dict) -> str:
    labels = report["labels"]
    short = [lab[:10] for lab in labels]
    lines = ["| true \\ predicted | " + " | ".join(short) + " |", "|" + " --- |" * (len(labels) + 1)]
    for lab, row in zip(labels, report["confusion"]):
        lines.append(f"| **{lab}** | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def real_text_section(sentipolc: dict | None, xed: dict, genres: list[dict], overlap: list[dict]) -> str:
    if sentipolc is None:
        tweets = ("Not measured in this run: the SENTIPOLC file was not found beside the repository "
                  "(`../shared/data/sentipolc/`, or `$CARE_SENTIPOLC`).")
    else:
        c = sentipolc["counts"]
        contamination = "" if "near_copies" not in sentipolc else (
            f" No training text is a copy of a test tweet: the closest has similarity "
            f"{sentipolc['closest_training_text']:.2f} (character 3-5-grams; {sentipolc['near_copies']} at or above "
            f"{NEAR_DUPLICATE}).")
        met = "met" if sentipolc["macro_f1"] >= TARGET_SENTIPOLC else "**not met**"
        tweets = f"""Sentiment macro-F1 **{sentipolc['macro_f1']:.3f}** (target {TARGET_SENTIPOLC}: {met}) on
{sentipolc['n']:,} tweets ({c['rows']:,} rows read, {c['mixed']} mixed-polarity rows left out: they have no
single label here). SENTIPOLC is general and political Italian Twitter from 2013-2014, not care
traffic: it measures how the model copes with Italian it was not written for. Its licence
(CC BY-NC-SA 3.0 IT) is non-commercial: the file is read in place to score, never trained on and
never copied into the repository.{contamination}

{_table(sentipolc)}

Confusion matrix (rows: true label; columns: predicted):

{_confusion(sentipolc)}"""
    overlap_rows = "\n".join(
        f"| {o['role']} | {o['distinct']:,} | {o['near']} | {o['near'] / max(1, o['distinct']):.2%} | {o['median']:.2f} |"
        f" {o['highest']:.2f}: \"{o['closest'][:60]}\" |" for o in overlap)
    rows = "\n".join(
        f"| {g['title']} | {g['task']} | {g['n']} | {g['home']:.3f} | {g['away']:.3f} | {g['drop']:+.3f} |"
        f" {'met' if g['drop'] <= TARGET_GENRE_DROP else '**not met**'} | {g['shipped']:.3f} |" for g in genres)
    return f"""## Real text

### SENTIPOLC 2016 test set (real Italian tweets)

{tweets}

### XED's held-out subtitle lines (real Italian dialogue)

Sentiment macro-F1 **{xed['macro_f1']:.3f}** over positive and negative (the only classes XED's
emotions give) on {xed['n']:,} held-out lines of film subtitles (XED, CC BY 4.0), which are
part of the corpus's test split: the other {100 - int(100 * TEST_SHARE)} % are trained on. A line
read as neutral counts as a miss. The labels were projected from English annotations, so some
are wrong, and film dialogue is not care traffic: like SENTIPOLC, this measures Italian the
model was not written for, and it is kept out of the held-out scores above.

{_table(xed)}

Confusion matrix (rows: true label; columns: predicted):

{_confusion(xed)}

### Off its home ground: cross-genre check inside the corpus

For each genre, a model is trained on the training split *without* that genre's examples,
then scored on the held-out examples of the kinds it was trained on (its home ground) and on
the genre's held-out examples (away). The drop is what a score loses on traffic of a kind the
corpus lacks (target: at most {TARGET_GENRE_DROP}); the shipped model, trained with the genre, is
scored on the same away examples for comparison. Macro-F1 over the classes present in the
genre, on both sides; tasks with fewer than {MIN_GENRE_TEST} held-out examples in a genre are left
out, and so is sentiment on the genre defined by it. Complaints are not left out: they are
most of the corpus, so a model without them would measure the corpus's size, not its genre.

| genre left out | task | away examples | home | away | drop | target | shipped model, away |
| --- | --- | --- | --- | --- | --- | --- | --- |
{rows}

### The demo's text is not the corpus

`pipelines truth` compares the model's figures with the demo generator's true labels; that
check is honest only if the model never read the generator's sentences. Distinct texts of a
20 000-message demo against the training split (same similarity as the split, threshold
{NEAR_DUPLICATE}):

| role | distinct demo texts | near-copies of a training text | share | median similarity | closest |
| --- | --- | --- | --- | --- | --- |
{overlap_rows}"""


def corrections_section(reports: list[dict], held_out: int) -> str:
    """The model on this installation's own held-out corrections (python -m models
    corrections import), beside the corpus's split."""
    head = "\n\n### Your own corrections, held out\n\n"
    if not held_out:
        return head + ("No held-out correction yet: analysts' corrections (`python -m models corrections import`) "
                       "join the training data at the next `python -m models train`, and a fifth of the corrected "
                       "messages (by a hash of their id) are held out and scored here.")
    rows = "\n".join(f"| {r['task']} | {r['n']} | {r['macro_f1']:.3f} |" for r in reports)
    return head + (f"{held_out} corrected messages of this installation held out (a hash of the message id; the "
                   "others were trained on). Macro-F1 of this model on the labels the analysts set:\n\n"
                   "| task | corrections | macro-F1 |\n| --- | --- | --- |\n" + rows)


def model_card(model: CareModel, train_set: list[Example], test: list[Example], split_report: dict,
               reports: list[dict], competitor: dict, speed: float, real_text: str) -> str:
    sizes = {(role, part): sum(e.role == role for e in data)
             for role in ("customer", "brand") for part, data in (("train", train_set), ("test", test))}
    langs = {lang: sum(e.lang == lang for e in train_set + test) for lang in ("it", "en")}
    summary = "\n".join(
        f"| {r['task']} | {r['n']} | {r['macro_f1']:.3f} | {'met' if r['macro_f1'] >= TARGET_MACRO_F1 else '**not met**'} |"
        for r in reports)
    n_tweets = sum(e.id.startswith(TWEET_PREFIXES) for e in train_set + test)
    n_xed = {lab: sum(is_real(e) and e.labels["sentiment"] == lab for e in train_set + test)
             for lab in ("positive", "negative")}
    customers = [e for e in train_set if e.role == "customer"]
    priors = ", ".join(f"{lab} {sum(e.labels['sentiment'] == lab for e in customers) / len(customers):.0%}"
                       for lab in SENTIMENT)
    tried = TUNING.read_text(encoding="utf-8") if TUNING.exists() else "Not measured yet: run `python -m models tune`."
    sentipolc_now = re.search(r"Sentiment macro-F1 \*\*([0-9.]+)\*\*", real_text)
    sentipolc_now = sentipolc_now.group(1) if sentipolc_now else "not measured"
    sections = "\n\n".join(
        f"### {r['task']}\n\n{_table(r)}\n\nConfusion matrix (rows: true label; columns: predicted):\n\n{_confusion(r)}"
        for r in reports)
    return f"""# Model card: care classifier `{model.version}`

Written by `python -m models evaluate` on {date.today().isoformat()}. Every number below comes
from the held-out test split, which is never used for training or for choosing parameters.

## What it does
Tags customer messages with `sentiment`, `category`, `churn` (+ `competitor`) and `followup`
(`fixed` / `still_broken` / `none`: whether a follow-up confirms a fix or reports the problem
is still there), and operator replies with `act`. Each label comes with a confidence (the
probability of the chosen label). Label ids: `pipelines/contract/labels.py`; guide: `data/labels/GUIDE.md`.

## Data
Labelled corpus in `data/labels/` ({langs['it']:,} Italian and {langs['en']:,} English examples); source and
licence of each file in `data/labels/SOURCES.md`. Most texts were written for this repository (CC0):
care messages, long reviews, praise, irony, dialect, typos, and {n_tweets:,} ordinary Italian tweets
(politics, sport, TV, daily life, news) that reach a brand's stream. {n_xed['positive'] + n_xed['negative']:,} are real
Italian text nobody here wrote: film subtitles from XED (Helsinki-NLP, CC BY 4.0, `data/labels/xed/`),
whose emotion labels give {n_xed['negative']:,} negative and {n_xed['positive']:,} positive lines. Tweets and subtitles are
labelled for sentiment only: they teach sentiment what Italian outside care looks like, and the
other tasks are trained and scored on care messages alone. Sentiment classes in the training split:
{priors}: no class is assumed, and every head weighs its classes equally (balanced weights).

| role | train | test |
| --- | --- | --- |
| customer messages | {sizes[('customer', 'train')]} | {sizes[('customer', 'test')]} |
| operator replies | {sizes[('brand', 'train')]} | {sizes[('brand', 'test')]} |

The split is made by a hash of each example's id ({int(100 * TEST_SHARE)} % test). Test texts that were
near-copies of a training text (cosine similarity of character 3-5-grams ≥ {split_report['threshold']})
were moved to training: {split_report['moved_to_train']} moved. The highest similarity left between a
test text and any training text is **{split_report['highest_test_train_similarity']}**.

## Model
One shared vectoriser (normalised words, word pairs, 4- and 6-letter word prefixes, each
word's prior polarity from the Sentix 3.1.1 lexicon (CC BY-SA 4.0, `data/lexicon/`), found
through its simplemma lemma and flipped after a negation, ASCII emoticons, runs of "!!!"/"???" as emphasis;
hashed to {model.meta['params']['n_features']:,} features; TF-IDF) and one linear head per task
({'linear SVM, sigmoid-calibrated probabilities' if model.meta['params']['head'] == 'svm' else 'one-vs-rest logistic regression'},
C = {model.meta['params']['C']}, balanced class weights). Parameters were chosen by 5-fold
cross-validation on the training split (`python -m models tune`). `competitor` is a lexicon rule
over the operators config (names and aliases after a destination cue such as "passo a", never
one named as an origin, "vengo da TIM", or as the one bouncing the customer, "TIM dice che"),
applied to messages predicted `threat` or `switched`.

## Results on the held-out split (macro-F1, target {TARGET_MACRO_F1})

On the held-out texts written for this repository; XED's held-out subtitle lines are real
text and are scored apart, under "Real text".

| task | test examples | macro-F1 | target |
| --- | --- | --- | --- |
{summary}

Competitor rule on the test split's threats and switches (true churn label given): precision
{competitor['precision']:.3f}, recall {competitor['recall']:.3f} over {competitor['n']} examples.

Prediction speed: {speed:,.0f} distinct short posts per second in one process (this machine);
repeated texts are classified once, so real streams with operator boilerplate go faster.

{sections}

{real_text}

## What was tried

{tried}

Steps on SENTIPOLC sentiment macro-F1 during this work (same reader; each on the corpus as it then
was, scored once per step, never used to pick a parameter):

| step | SENTIPOLC |
| --- | --- |
| first release: short care messages only | 0.450 |
| + reviews, praise, irony and dialect, bounced customers, general posts (2,000 care texts) and the Sentix / lemma features | 0.507 |
| + 2,480 ordinary Italian tweets (politics, sport, daily life, other companies) | 0.527 |
| + emphasis tokens ("!!!", "???") and ASCII emoticons | 0.530 |
| + 2,000 short tweets (live-tweeted politics and TV, moods, news); tweets made sentiment-only | 0.528 |
| + 1,600 care messages on the category boundaries | 0.533 |
| + 3,902 real subtitle lines from XED (joy/trust positive, anger/disgust/fear/sadness negative) | 0.570 |
| + 600 more care messages on the category boundaries | 0.567 |
| + 320 short hand-overs of data, their contrasts and bare chasers (issue 14: "dati inviati, grazie" is no fix) (this model) | {sentipolc_now} |
| tried after the 600, not kept: + EmoITA's 9,088 translated sentences, valence to sentiment by the scale's nearest point | 0.476 |
| tried after the 600, not kept: + EmoITA's 2,289 clearest sentences (valence below 2.5 or above 4), real text read twice by the sentiment head | 0.522 |
| tried on this model's corpus, not kept: + 4,000 real sentences of Common Voice's Italian lists (CC0), hand-labelled for the trial: 3,584 neutral, 229 negative, 187 positive | 0.525 |
| tried on this model's corpus, not kept: + character 2-5-grams within words beside the word features, for the sentiment head (2-5 chosen over 3-5, 3-6 and other weights by 5-fold CV on the training split: written texts 0.868 to 0.876, XED's lines 0.722 to 0.743); held-out written sentiment 0.875 to 0.891 | 0.553 |

XED's mapping to sentiment was fixed by the emotions' meaning before it was scored. Three other
mappings were then scored once each on SENTIPOLC (every XED line in training, none held out) and
not adopted, since choosing among them by SENTIPOLC would tune on the check: anticipation-only
and surprise-only lines as neutral 0.575 (the shipped mapping, measured the same way: 0.569),
anticipation beside joy or trust as positive 0.559, only anger and disgust as negative 0.559.

More real Italian text with sentiment labels and a licence that lets the repository ship it was
looked for (issue 11; what was checked is listed in `data/labels/SOURCES.md`). The one source
found, EmoITA (Gafà, Cutugno and Venuti, EVALITA 2023, CC BY-SA 4.0: EmoBank's 10,062 English
sentences of news, letters, blogs and fiction translated into Italian by native speakers, who
rated each for valence on a 1-5 scale), was tried and is not shipped:
- With the mapping fixed before scoring, the nearest point of the scale (below 2.5 negative,
  2.5-3.5 neutral, above 3.5 positive: 9,088 sentences, 55 % of them positive, since these
  raters centre on 3.47), SENTIPOLC fell to 0.476 (positive predicted for a third of the neutral
  and negative tweets), held-out care sentiment to 0.860, XED's held-out lines to 0.674.
- After that fall, other mappings were compared by cross-validation only, on the training split's other
  texts (EmoITA's training sentences added to every fold's fit part, never scored): every mapping
  lowered sentiment CV there (0.847 without EmoITA; 0.809 nearest point, 0.818 neutral around the
  raters' own centre, 0.840 clear cases only), while the clear cases (below 2.5 negative, above 4
  positive) raised CV on XED's real lines (0.740 to 0.750; 0.756 with real text read twice; means
  of 3 repeats of 5 folds). The best of them on XED's lines, the clear cases with real text read
  twice, was scored once: SENTIPOLC 0.522 (held-out care sentiment 0.863, XED's held-out lines
  0.718): not kept either.
- Cross-validation on the training split does not foresee SENTIPOLC for added data: XED itself
  lowers sentiment CV on the written texts (0.879 to 0.873) yet raised SENTIPOLC by 0.037, and
  EmoITA raised CV on XED's lines yet lowered SENTIPOLC. Translated prose rated for the reader's
  feeling is not what a tweet's polarity is.
- Real sentences are not enough either: 4,000 drawn at random from Common Voice's Italian reading
  lists (`MozillaItalia/voice-web`, `server/data/it/`, CC0), each labelled by reading it, are nine
  tenths neutral (idioms, manuals, narration). As sentiment-only texts they lowered SENTIPOLC to
  0.525 and held-out care sentiment to 0.869 (their own held-out fifth: 0.475). Not shipped.

## Known weaknesses
- The corpus is written to resemble real posts, not sampled from them: real posts will be
  noisier (sarcasm without emoji, long threads quoted in one post, mixed languages), and the
  scores above are an upper bound for them.
- `category` on short follow-ups ("ancora nulla", "e quindi?") cannot be told from the text
  alone: the pipeline's second pass over each conversation (`pipelines/sql/staging/
  stg_thread_labels.sql`) gives them the conversation's category, turns a second request for
  data into `request_data` whatever its wording, and reads a customer bounced between
  operators as `customer_service` with no churn.
- Real tweets are still far from the corpus: on SENTIPOLC many errors are negative tweets
  read as neutral (political sarcasm, contempt without a negative word); the lexicon and
  lemmas measured next to nothing there (table above): the gain came from text. Written
  tweets levelled off at about 0.53; 3,900 lines of *real* text (XED's subtitles) gave more
  than the last 4,000 written tweets. XED has no neutral lines, and its labels are projected
  from English annotations through aligned subtitles, so some are wrong. Not every real text
  helps: EmoITA's translated sentences, rated for valence, lowered SENTIPOLC (above).
- `cancellation_contract` overlaps with `cancel` churn in other categories (a customer who
  cancels because of the bills is `billing` + `cancel`): its F1 is the lowest of the categories.
- Threat vs switched depends on tense and small words ("passo" vs "sono passato"); irony
  that praises ("bravi 👏") is caught only when the words around it are negative.
- The competitor rule was written while reading the whole corpus, test split included, so its
  figure above is optimistic; ambiguous names ("Tre", "ho.", "Very", "Sky", "Poste") count
  only when capitalised and after a destination cue.
- During development some early feature experiments were scored on the held-out split; the
  final parameters were then fixed by cross-validation on training data only.
- History: on the first corpus (4 040 customer messages) the chosen model scored category
  macro-F1 0.790, below the target. 960 more hand-written customer messages for the
  confusable categories were added (`customer_it_more_*.jsonl`), settings unchanged; the
  figures above are that model's, on the enlarged held-out split.
- Long posts and reviews are read worst (cross-genre table): a model that has seen only
  short posts loses most of its sentiment and churn score on them, and even the shipped
  model, with 320 reviews in the corpus, scores them well below short posts: the verdict
  comes at the end of a story that praises and complains, and a switch is told as history
  ("sono passato a Iliad un anno fa e..."). Reading a long post sentence by sentence (the mean
  of its sentences' probabilities beside the whole text's, or the last sentence weighted more)
  was tried on the held-out long posts and not adopted: sentiment +0.02 for the model without
  long posts but -0.02 for the shipped one, and churn 0.12 lower for both.
- English coverage is thinner (US/UK carriers, no competitor labels); a model without the
  English examples cannot read English at all (cross-genre table): no knowledge crosses
  languages in a bag of words.
"""
