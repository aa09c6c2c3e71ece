# Type stubs for qawl. The output contract is written once, in the Rust
# types of src/analysis.rs; these mirror it for Python (offsets in code points).
from typing import Any, Iterable, Iterator, Literal, Optional, TypedDict, Union

Label = Literal["PER", "LOC", "ORG", "MISC", "DATE"]
QuoteKind = Literal["direct", "partial", "indirect", "term"]

class Entity(TypedDict):
    start: int
    end: int
    text: str
    label: Label
    cluster: int
    """Index into Analysis["clusters"]."""

class Cluster(TypedDict):
    id: int
    name: str
    """The canonical name: the fullest mention."""
    label: Label
    mentions: int
    spellings: list[str]
    """The distinct spellings of its mentions, most frequent first."""

class Speaker(TypedDict):
    name: str
    cluster: Optional[int]
    """The speaker's cluster, when the speaker is a known entity."""
    start: int
    end: int

class Cue(TypedDict):
    start: int
    end: int
    text: str

class Quote(TypedDict):
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Optional[Speaker]
    cue: Optional[Cue]

class Analysis(TypedDict):
    entities: list[Entity]
    clusters: list[Cluster]
    quotes: list[Quote]

MAX_INPUT_BYTES: int
"""The longest text analyze accepts, in bytes of UTF-8."""

__version__: str

def analyze(text: str, quotes: bool = True) -> Analysis:
    """Analyses one article; offsets are str indices. Raises ValueError when
    the text cannot be analysed (over MAX_INPUT_BYTES)."""

class Analyses(Iterator[Any]):
    """The iterator analyze_many and analyze_jsonl return."""
    def __iter__(self) -> "Analyses": ...
    def __next__(self) -> Any: ...

def analyze_many(texts: Iterable[str], jobs: Optional[int] = None, quotes: bool = True) -> Iterator[Analysis]:
    """Analyses texts on `jobs` threads (None: every core) with the GIL
    released, yielding in input order. Raises ValueError at a text that
    cannot be analysed and TypeError at an item that is not a str."""

def analyze_jsonl(lines: Iterable[Union[str, bytes]], jobs: Optional[int] = 1) -> Iterator[dict[str, Any]]:
    """Analyses JSON Lines records ({"id", "text", ...} per line) as
    `qawl analyze --jsonl` does, offsets in str indices: yields
    {"id", ...other fields, "entities", "clusters", "quotes"} or
    {"id", "error"} per record, in input order; blank lines are skipped."""
