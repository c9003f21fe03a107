"""Hypothesis strategies: arbitrary text and bytes, and article-like documents with cruft."""

from __future__ import annotations

from hypothesis import strategies as st

_WORDS = (
    "the talks ended without a deal on Monday as officials in Geneva said progress "
    "was slow but possible and Russia denied any plan to invade while NATO allies "
    "warned of costs für Straße été café Москва переговоры 東京 会談"
).split()

CRUFT = [
    "Skip to main content",
    "Accessibility links",
    "Breaking News",
    "Share",
    "XS",
    "please wait",
    "0:00 0:03:48 0:00",
    "Join our Telegram channel for news",
    "Be First to Comment",
    "Leave a Reply",
    "Photo: Reuters",
    "Jane Doe / AFP / Getty Images",
    "Read more: Talks end without a deal",
    "Advertisement",
    "By Jane Doe",
    "Updated 5:32 PM ET, Wed January 12, 2022",
    "© 2022 Example Media",
    "20220110",
    "https://example.com/2022/01/10/story",
    "Lesen Sie auch: Gespräche ohne Ergebnis",
    "Читайте также: Переговоры завершились",
]

DAMAGE = [
    "â€™",
    "Ã©",
    "&amp;",
    "&nbsp;",
    "<br>",
    "\u00a0",
    "\u200b",
    "\u00ad",
    "\r\n",
    "\t",
    "[b]x[/b]",
]

sentence = st.lists(st.sampled_from(_WORDS), min_size=3, max_size=30).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
headline = st.lists(st.sampled_from(_WORDS), min_size=3, max_size=10).map(
    lambda ws: " ".join(ws).capitalize()
)


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A headline, body paragraphs, cruft lines at random places, some encoding damage."""
    parts = [draw(headline)]
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(CRUFT)))
        parts.append(draw(paragraph))
    text = draw(st.sampled_from(["\n\n", "\n"])).join(parts)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(DAMAGE)) + text[at:]
    return text


any_text = st.one_of(st.text(max_size=400), articles())
any_bytes = st.one_of(st.binary(max_size=400), articles().map(lambda t: t.encode("utf-8")))
