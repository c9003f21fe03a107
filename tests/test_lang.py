"""Language detection (cleaner/lang): scripts, function words, unclear text gives None."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.lang import detect_language, stopword_share, stopwords

SAMPLES = {
    "en": "The council said on Monday that the new bridge would open in the spring, and "
    "that it had been paid for by the state.",
    "de": "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke im Frühjahr eröffnet "
    "wird, und sie wird vom Land bezahlt.",
    "fr": "Le conseil a annoncé lundi que le nouveau pont sera ouvert au printemps et qu'il "
    "est payé par la région, comme prévu.",
    "es": "El ayuntamiento anunció el lunes que el nuevo puente se abrirá en primavera y que "
    "lo paga la región, como estaba previsto.",
    "it": "Il consiglio ha annunciato lunedì che il nuovo ponte sarà aperto in primavera e che "
    "è pagato dalla regione, come previsto.",
    "pt": "A câmara anunciou na segunda-feira que a nova ponte vai abrir na primavera e que "
    "foi paga pelo estado, como estava previsto.",
    "nl": "De gemeente heeft maandag gezegd dat de nieuwe brug in het voorjaar open gaat en dat "
    "die door de provincie wordt betaald.",
    "pl": "Rada miasta ogłosiła w poniedziałek, że nowy most zostanie otwarty na wiosnę i że "
    "jest on opłacony przez województwo.",
    "cs": "Rada města v pondělí oznámila, že nový most bude otevřen na jaře a že ho zaplatí "
    "kraj, jak bylo podle plánu.",
    "ru": "Городской совет объявил в понедельник, что новый мост будет открыт весной и что "
    "его оплатит область, как и было обещано.",
    "uk": "Міська рада оголосила в понеділок, що новий міст буде відкрито навесні і що його "
    "оплатить область, як і було обіцяно.",
    "tr": "Belediye pazartesi günü yeni köprünün ilkbaharda açılacağını ve bu köprünün "
    "masraflarının da il tarafından karşılanacağını bir kez daha açıkladı ve çok sevindi.",
    "ja": "市議会は月曜日、新しい橋が春に開通すると発表しました。費用は県が負担します。",
    "zh": "市议会周一宣布，新桥将于春季通车，费用由省政府承担。",
    "ar": "أعلن مجلس المدينة يوم الاثنين أن الجسر الجديد سيفتح في الربيع "
    "وأن المحافظة ستدفع تكاليفه.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_each_language_is_recognised(lang: str) -> None:
    assert detect_language(SAMPLES[lang]) == lang


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12 345 678 | 2023-01-02",
        "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor.",
        "Home News Sport Weather",  # too few words to say
    ],
)
def test_unclear_text_has_no_language(text: str) -> None:
    assert detect_language(text) is None


def test_every_word_list_loads() -> None:
    lists = stopwords()
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr"} <= set(lists)
    assert all(len(words) >= 25 for words in lists.values())


def test_stopword_share_separates_prose_from_labels() -> None:
    prose = stopword_share("The council said that it would open the bridge in the spring", "en")
    label = stopword_share("Weather Sport Business Technology", "en")
    assert prose is not None and label is not None
    assert prose > 0.3 and label == 0.0
    assert stopword_share("Anything", "xx") is None


def test_language_in_metadata_and_the_hint_wins() -> None:
    text = SAMPLES["fr"] + "\n\n" + SAMPLES["fr"].replace("lundi", "mardi")
    assert cleaner.clean_document(text).metadata["language"] == "fr"
    assert cleaner.clean_document(text, language="de").metadata["language"] == "de"
