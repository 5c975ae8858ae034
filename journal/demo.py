"""A realistic, deterministic demo journal (issue 8), also the benchmark's data.

`build_demo` invents months of everyday encounters (bakery, restaurant, cafe,
events, work, neighbourhood, transit, online) with a varied cast, notes with
#hashtags, things learned / given / asked, follow-ups (done, open, overdue),
opinions that change over time, weekly reflections and two groups that meet
periodically (journal.demo_groups), all ending at `now`.

Everything random comes from one `random.Random(seed)`, ids included, and
every stamp is derived from `now`, so the same seed, `now` and local time
zone give a byte-identical file.

The world (settings, places, cast, sentences) is this module's own tables in
English, and journal.demo_pt's in Brazilian Portuguese (`language="pt_BR"`);
both go through the same generator. The TinyDB document is built in memory from
the models' `to_dict()` and written once: going through the store would
rewrite the whole file per encounter, which is hours at 50,000 encounters.
"""
from __future__ import annotations

import random
import sys
import uuid
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from itertools import accumulate
from pathlib import Path

import orjson

from . import clock
from .errors import JournalError
from .migrations import CURRENT_SCHEMA
from .models import Encounter, FollowUp, Opinion, OpinionRevision, Person, WeekReview
# The English world's groups and qualities, as `world()` finds them here.
from .demo_groups import GROUP_CLOSINGS, GROUP_GAVE, GROUP_LINES, GROUP_OPENINGS, GROUP_PLANS, add_groups  # noqa: F401
from .demo_reach import QUALITIES, add_reach  # noqa: F401
from .names import fold
from .durable import atomic_write_bytes, ensure_private_dir
from .lock import TIMEOUT, JournalLock, LockTimeout

SMALL_CAST = 40
LARGE_CAST = 500
LARGE_FROM = 5000  # encounters from which the cast is LARGE_CAST
MIN_DAYS = 120  # "a few months"
PER_DAY = 6  # beyond a few months, a busy networker's pace


class DemoExistsError(JournalError):
    """The demo would overwrite a file; nothing was written."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path} already exists; the demo never writes over a journal. Pick another path or pass --force.")


@dataclass
class DemoSummary:
    path: Path
    encounters: int
    people: int
    opinions: int
    reviews: int
    size_bytes: int
    groups: int = 0


# ----------------------------------------------------------------- the world
# (setting, weight, places with weights, hours (start, end) of a typical visit)
SETTINGS = {
    "bakery": (14, [("Padaria Real", 8), ("Boulangerie du Coin", 2), ("Padaria Estrela", 1)], (7, 10)),
    "cafe": (15, [("Café Lua", 5), ("Bean & Leaf", 3), ("Kaffee Haus", 1)], (9, 17)),
    "restaurant": (11, [("Tasca do Zé", 6), ("Sabor da Terra", 3), ("Pho Sài Gòn", 2), ("Trattoria Nove", 1)], (12, 22)),
    "work": (20, [("Office", 8), ("Client site, Rua Augusta", 2), ("Colmeia co-working", 3)], (9, 18)),
    "event": (8, [("Python meetup", 3), ("Startup breakfast", 2), ("Open data night", 2), ("Design week talk", 1), ("Book club", 1)], (18, 21)),
    "neighbourhood": (12, [("Building lobby", 3), ("Jardim da Estrela", 3), ("Saturday market", 2), ("Pharmacy", 1)], (8, 20)),
    "transit": (8, [("Tram 28", 3), ("Metro line 4", 3), ("Train to Porto", 1)], (7, 19)),
    "online": (12, [("Video call", 4), ("LinkedIn chat", 2), ("Slack community", 3), ("Email thread", 1)], (9, 22)),
}

TOPICS = {
    "bakery": ["sourdough", "neighbourhood", "small-business", "pastry"],
    "cafe": ["coffee", "freelancing", "careers", "books"],
    "restaurant": ["food", "hospitality", "family", "travel"],
    "work": ["hiring", "roadmap", "python", "pricing", "remote-work", "mentoring"],
    "event": ["opendata", "startups", "design", "python", "talks", "community"],
    "neighbourhood": ["neighbourhood", "schools", "cycling", "gardening"],
    "transit": ["commute", "cycling", "city", "podcasts"],
    "online": ["remote-work", "opendata", "writing", "jobs", "community"],
}

# The demo's cast, hand-written so that the screens read like a real journal.
# (name, aliases, organisation, interests, home setting, notes)
CAST = [
    ("Ana Souza", [], "Padaria Real", ["sourdough", "small-business"], "bakery", "Owns Padaria Real; up at 4 every day."),
    ("José Almeida", ["Zé"], "Tasca do Zé", ["food", "football"], "restaurant", "Runs the tasca; knows everyone on the street."),
    ("Zoë Martin", [], "Open Data Lisboa", ["opendata", "cycling"], "event", "Organises the open data nights."),
    ("Ngọc Trần", [], "Atlas Robotics", ["robotics", "food"], "restaurant", "Robotics engineer; recommends Pho Sài Gòn."),
    ("Bruno Costa", [], "Cobalto", ["python", "hiring"], "work", "Backend lead at Cobalto."),
    ("Mariana Oliveira", [], "Café Lua", ["coffee", "books"], "cafe", "Barista, studying literature."),
    ("Lucas Pereira", [], "", ["gardening", "cycling"], "neighbourhood", "Neighbour from the third floor."),
    ("Sofia Rossi", [], "Studio Nove", ["design", "typography"], "event", "Freelance designer."),
    ("Kenji Watanabe", [], "PyData Lisboa", ["python", "community"], "event", "Runs the Python meetup."),
    ("Amélie Laurent", [], "Talentum", ["hiring", "careers"], "online", "Recruiter; honest about salaries."),
    ("Rafael Lima", [], "Carris", ["city", "commute"], "transit", "Drives tram 28 in the mornings."),
    ("Priya Raman", [], "Cobalto", ["roadmap", "pricing"], "work", "Product manager."),
    ("Tomás Ferreira", [], "Hortas Urbanas", ["startups", "gardening"], "event", "Founder of an urban farming startup."),
    ("Inês Carvalho", [], "Biblioteca Municipal", ["books", "schools"], "neighbourhood", "Librarian; runs the book club."),
    ("Chidi Okafor", [], "Remote Data Co", ["opendata", "remote-work"], "online", "Data engineer, met in the Slack community."),
    ("Helena Duarte", [], "Duarte & Filhos", ["small-business", "pricing"], "cafe", "Accountant for half the shops around."),
    ("Mateus Rocha", [], "", ["running", "podcasts"], "transit", "Same train every Monday."),
    ("Fátima Benali", [], "Cobalto", ["mentoring", "hiring"], "work", "Head of people."),
    ("Diego Hernández", [], "Tasca do Zé", ["food", "travel"], "restaurant", "Chef; from Oaxaca."),
    ("Leila Haddad", [], "Atelier Haddad", ["design", "city"], "cafe", "Architect working on the market hall."),
    ("Olivia Brown", [], "Self-employed", ["writing", "remote-work"], "online", "Technical writer in Bristol."),
    ("Paulo Mendes", [], "Farmácia Central", ["neighbourhood", "family"], "neighbourhood", "Pharmacist."),
    ("Camila Santos", [], "Yoga no Jardim", ["wellbeing", "community"], "neighbourhood", "Teaches yoga in the garden on Sundays."),
    ("Ravi Shah", [], "Northwind Ventures", ["startups", "pricing"], "event", "VC associate."),
    ("Beatriz Nunes", [], "Jornal da Cidade", ["writing", "city"], "cafe", "Journalist covering the city council."),
    ("Yuki Tanaka", [], "Cobalto", ["design", "research"], "work", "UX researcher."),
    ("Gabriel Silva", [], "Cobalto", ["roadmap", "mentoring"], "work", "My manager."),
    ("Marta Kowalska", [], "", ["translation", "books"], "online", "Translator, PL/PT/EN."),
    ("Omar Farouk", [], "Metro Lisboa", ["city", "commute"], "transit", "Engineer on the line 4 extension."),
    ("Clara Vieira", [], "Escola Básica n.º 1", ["schools", "family"], "neighbourhood", "Teacher; parent at the same school."),
    ("Pedro Antunes", [], "Padaria Real", ["sourdough", "football"], "bakery", "The baker behind the counter on weekdays."),
    ("Søren Nielsen", [], "Danske Data", ["opendata", "cycling"], "event", "Visiting from Copenhagen twice a year."),
    ("Aisha Bello", [], "Colmeia co-working", ["community", "startups"], "work", "Community manager at Colmeia."),
    ("Miguel Torres", [], "", ["neighbourhood", "diy"], "neighbourhood", "Electrician; fixed the lobby lights."),
    ("Lena Fischer", [], "Figment", ["design", "remote-work"], "online", "Product designer in Berlin."),
    ("Rui Barbosa", [], "Saturday market", ["food", "gardening"], "neighbourhood", "Sells fruit at the market."),
    ("Carmen Díaz", [], "Grupo Aurora", ["hiring", "careers"], "work", "HR at our biggest client."),
    ("Hugo Moreau", [], "Trattoria Nove", ["wine", "hospitality"], "restaurant", "Sommelier."),
    ("Júlia Campos", [], "Universidade de Lisboa", ["research", "opendata"], "cafe", "PhD student in urban mobility."),
    ("Luna Prado", [], "Self-employed", ["illustration", "coffee"], "cafe", "Illustrator 🎨 who signs every message with ☕✨"),
]
EMOJI_PERSON = "Luna Prado"
EMOJI_BITS = ["🎨", "☕", "✨", "🥐", "📚", "🙌"]

FIRST_NAMES = [
    "Adriana", "Afonso", "Alice", "André", "Antónia", "Bárbara", "Bernardo", "Carla", "Carlos", "Catarina",
    "Daniel", "Daniela", "Duarte", "Eduardo", "Elena", "Emma", "Fábio", "Filipa", "Francisco", "Gonçalo",
    "Guilherme", "Hannah", "Henrique", "Irene", "Isabel", "Ivan", "Jakub", "Joana", "João", "Jorge",
    "Karin", "Laura", "Leonor", "Lourenço", "Luís", "Madalena", "Manuel", "Margarida", "Maria", "Mário",
    "Matilde", "Nadia", "Nuno", "Patrícia", "Raquel", "Ricardo", "Rita", "Samuel", "Sara", "Sérgio",
    "Simão", "Teresa", "Thiago", "Valentina", "Vasco", "Vera", "Wei", "Xavier", "Yara", "Zara",
    "Aditya", "Björn", "Chloé", "Dmitri", "Efua", "François", "Giulia", "Hoa", "Ingrid", "Jae-won",
]
SURNAMES = [
    "Abreu", "Alves", "Amaral", "Azevedo", "Baptista", "Borges", "Branco", "Brito", "Cabral", "Cardoso",
    "Coelho", "Correia", "Cruz", "Dias", "Esteves", "Faria", "Fernandes", "Fonseca", "Freitas", "Gaspar",
    "Gomes", "Gonçalves", "Guerreiro", "Henriques", "Jesus", "Leal", "Leite", "Lopes", "Loureiro", "Machado",
    "Magalhães", "Marques", "Matos", "Medeiros", "Melo", "Miranda", "Monteiro", "Moreira", "Morais", "Neves",
    "Nogueira", "Pacheco", "Paiva", "Pinheiro", "Pinto", "Quintela", "Ramos", "Reis", "Ribeiro", "Rodrigues",
    "Sampaio", "Sequeira", "Simões", "Soares", "Tavares", "Teixeira", "Valente", "Vaz", "Weber", "Zhang",
]
ORGANISATIONS = [
    "Cobalto", "Atlas Robotics", "Open Data Lisboa", "Colmeia co-working", "Grupo Aurora", "Talentum",
    "Northwind Ventures", "Hortas Urbanas", "Figment", "Studio Nove", "Câmara Municipal", "Universidade de Lisboa",
    "Metro Lisboa", "Jornal da Cidade", "Remote Data Co", "", "", "Self-employed",
]
INTERESTS = sorted({t for ts in TOPICS.values() for t in ts} | {"football", "wine", "running", "books", "travel"})

# --------------------------------------------------------------- sentences
OPENINGS = {
    "bakery": [
        "Picked up bread at {place} and {first} was at the counter.",
        "Queue at {place} this morning; {first} and I chatted while waiting.",
        "{first} handed me the last sourdough at {place} and we got talking.",
    ],
    "cafe": [
        "Coffee with {first} at {place}.",
        "Ran into {first} at {place}; we shared a table by the window.",
        "{first} was working from {place} again, so I joined for a cortado.",
    ],
    "restaurant": [
        "Lunch at {place} with {first}.",
        "Dinner at {place}; {first} came over to our table.",
        "{first} recommended the daily special at {place} and sat with us.",
    ],
    "work": [
        "Long chat with {first} after the stand-up.",
        "{first} stopped by my desk at {place}.",
        "One-to-one with {first} at {place}.",
    ],
    "event": [
        "Met {first} at the {place}.",
        "{first} gave a short talk at the {place} and we spoke after.",
        "Stayed late at the {place} talking with {first}.",
    ],
    "neighbourhood": [
        "Bumped into {first} at the {place}.",
        "{first} stopped me at the {place} to say hello.",
        "Walked back from the {place} with {first}.",
    ],
    "transit": [
        "Sat next to {first} on the {place}.",
        "{first} and I waited together for the {place}, which was late again.",
        "Chatted with {first} on the {place} all the way to work.",
    ],
    "online": [
        "{place} with {first}.",
        "{first} reached out on {place}.",
        "Caught up with {first} over a {place}.",
    ],
}
SOLO_OPENINGS = [
    "Quiet moment at {place}; wrote down a few thoughts.",
    "Overheard a good conversation at {place}.",
    "Alone at {place}, reading and thinking about the week.",
]
TOPIC_LINES = [
    "We talked about #{tag} for a good while.",
    "Most of the conversation was about #{tag} and what is changing there.",
    "{first} has strong views on #{tag}; I mostly listened.",
    "Swapped stories about #{tag}, which I did not expect.",
    "Turns out we both care about #{tag}.",
    "{first} asked what I think about #{tag}; I was not sure.",
]
EXTRA_LINES = [
    "It reminded me why these small conversations matter.",
    "Left with a couple of ideas to try next week.",
    "Felt easy, like talking to an old friend.",
    "Nothing urgent, but good to keep in touch.",
    "We agreed to meet again soon.",
    "I should have asked more questions and talked less.",
    "The place was packed, so we kept it short.",
    "Good energy; I walked home smiling.",
    "They mentioned a friend I should meet.",
]
LEARNED = [
    "The {org} team is hiring for two roles next quarter.",
    "{first} says #{tag} is moving faster than people think.",
    "There is a meetup on {tag} every second Thursday.",
    "Prices at the market go up in December, buy early.",
    "{first} used to work in Porto before moving here.",
    "A good book on {tag}: the one with the orange cover {first} keeps recommending.",
    "The council is opening the new cycle lane in spring.",
]
GAVE = [
    "Introduced {first} to someone from my network working on {tag}.",
    "Sent {first} the article about {tag} I mentioned.",
    "Offered to review {first}'s CV.",
    "Shared my notes from the last {tag} talk.",
    "Recommended the accountant who helped me last year.",
    "Lent {first} my copy of the book.",
    "Gave feedback on the slides for the next talk.",
]
ASKED = [
    "Asked {first} for an introduction to the hiring manager.",
    "Asked whether {first} could look at my portfolio.",
    "Asked for a recommendation for a good dentist.",
]
FOLLOW_UPS = [
    "Send {first} the link about {tag}",
    "Introduce {first} to Zoë",
    "Book lunch with {first}",
    "Reply to {first}'s email",
    "Share the meetup slides with {first}",
    "Check on {first}'s job interview",
]

# (subject, [(stance, confidence), ...] in the order they were held)
OPINIONS = [
    ("Padaria Real's sourdough", [("Too sour for me", "medium"), ("Growing on me since Ana changed the starter", "medium"), ("Best bread in the neighbourhood", "high")]),
    ("Remote work", [("Lonely and distracting", "medium"), ("Works when the team writes things down", "medium"), ("Two office days a week is the sweet spot", "high")]),
    ("The Python meetup", [("Too beginner-focused", "low"), ("The hallway track is the real value", "high")]),
    ("Asking for introductions", [("Feels like begging", "high"), ("Fine once I have given something first", "medium")]),
    ("Cobalto's new pricing", [("Too expensive for small shops", "medium"), ("Fair, given the support included", "low"), ("Too expensive for small shops after all", "high")]),
    ("Metro line 4 extension", [("Will never be finished", "low"), ("On track, according to Omar", "medium")]),
    ("Working from Colmeia", [("Too noisy", "medium"), ("Great for meeting people, bad for focus", "high")]),
    ("Tasca do Zé's lunch menu", [("Best value in the area", "high")]),
    ("Hiring juniors", [("Too slow to pay off", "low"), ("Worth it with a mentor assigned", "medium"), ("The best hires we made", "high")]),
    ("Open data portals", [("Nobody uses them", "medium"), ("Useful when someone like Zoë curates them", "medium")]),
]
REFLECTIONS = [
    "Good week: {count} conversations, most of them at {setting}. {first} stood out.",
    "{count} encounters. I gave more than I asked, which feels right. Follow up with {first}.",
    "Busy week ({count} encounters). Too many at {setting}; next week, get out more.",
    "Quieter week, {count} conversations. The one with {first} was the most useful.",
    "{count} encounters this week. Learned a lot about {tag}. Keep the habit going.",
]

# The words the generator needs besides its tables (journal.demo_pt has its own).
SOMEONE = "Someone"
FRIEND = "a friend"
NOBODY = "nobody in particular"
NO_TAG = "people"
DEFAULT_ORG = "Cobalto"
# Yesterday's and today's encounters, which keep the streak alive: (setting, place).
YESTERDAY_PLACE = ("cafe", "Café Lua")
TODAY_PLACE = ("bakery", "Padaria Real")
FOLLOW_UP_MIX = ("Send {name} my notes from our chat", "Call {name} back", "Thank {name} for the introduction")
WORKPLACE_OPINION = ("{org} as a place to work", [("Sounds great", "low"), ("Mixed reviews from people there", "medium")])
LANGUAGES = ("en", "pt_BR")


def world(language: str = "en"):
    """The tables of the demo's world in `language` (one of LANGUAGES): a module."""
    if language == "pt_BR":
        from . import demo_pt

        return demo_pt
    if language != "en":
        raise ValueError(f"no demo in {language!r}")
    return sys.modules[__name__]


# ------------------------------------------------------------------ helpers
def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


class _LocalDays:
    """Local wall-clock times with the zone's offset resolved once per day.

    The local zone asks the C library on every utcoffset(), which would make
    much of the build time at 50,000 encounters; the fixed offsets it resolves
    to are also what the journal reads back. Times are daytime, so a day's
    offset is the one after any DST change (which happens in the night).
    """

    def __init__(self, zone):
        self.zone = zone
        self._offsets: dict[date, timezone] = {}

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        offset = self._offsets.get(day)
        if offset is None:
            offset = self._offsets[day] = timezone(datetime.combine(day, time(12), self.zone).utcoffset())
        return datetime.combine(day, time(hour, minute), offset)


def _first(name: str) -> str:
    return name.split(" ", 1)[0]


def _week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _cast(rng: random.Random, size: int, w) -> list[tuple]:
    """The hand-written cast, then invented people until `size`, names unique after folding."""
    cast = list(w.CAST[:size])
    seen = {fold(row[0]) for row in cast}
    pairs = [(f, s) for f in w.FIRST_NAMES for s in w.SURNAMES]
    rng.shuffle(pairs)
    settings = list(w.SETTINGS)
    for first, last in pairs:
        if len(cast) >= size:
            break
        name = f"{first} {last}"
        if fold(name) in seen:
            continue
        seen.add(fold(name))
        interests = rng.sample(w.INTERESTS, rng.randint(1, 3))
        cast.append((name, [], rng.choice(w.ORGANISATIONS), interests, rng.choice(settings), ""))
    return cast


def _notes(rng: random.Random, setting: str, place: str, first: str | None, tags: list[str], emoji: bool, w) -> str:
    r = rng.random
    if first:
        openings = w.OPENINGS[setting]
        parts = [openings[int(r() * len(openings))].format(place=place, first=first)]
    else:
        parts = [w.SOLO_OPENINGS[int(r() * len(w.SOLO_OPENINGS))].format(place=place)]
    for tag in tags:
        parts.append(w.TOPIC_LINES[int(r() * len(w.TOPIC_LINES))].format(tag=tag, first=first or w.SOMEONE))
    length = sum(len(p) + 1 for p in parts)
    # Extra sentences, taken in a random rotation so none repeats, until the
    # note has 100 characters and then with falling odds, never past 400.
    start, step = int(r() * len(w.EXTRA_LINES)), 1 + int(r() * 4)
    for n in range(4):
        if length > 100 and r() >= 0.45:
            break
        line = w.EXTRA_LINES[(start + n * step) % len(w.EXTRA_LINES)]
        if length + len(line) + 1 > 390:
            break
        parts.append(line)
        length += len(line) + 1
    if emoji:
        parts.append(w.EMOJI_BITS[int(r() * len(w.EMOJI_BITS))] + " " + w.EMOJI_BITS[int(r() * len(w.EMOJI_BITS))])
    text = " ".join(parts)
    return text if len(text) <= 400 else text[:399].rstrip() + "…"


# --------------------------------------------------------------------- build
def build_document(*, encounters: int = 300, seed: int = 7, now: datetime | None = None, language: str = "en") -> dict:
    """The whole journal as the TinyDB dict that SafeJSONStorage would write, its text in `language`."""
    if encounters < 1:
        raise ValueError("a demo needs at least one encounter")
    w = world(language)
    SETTINGS, TOPICS = w.SETTINGS, w.TOPICS
    rng = random.Random(seed)
    local = _LocalDays(clock.local_zone())
    now = (now or clock.now()).astimezone(local.zone)
    now = now.replace(tzinfo=timezone(now.utcoffset()))
    today = now.date()
    span = max(MIN_DAYS, -(-encounters // PER_DAY))
    cast_size = LARGE_CAST if encounters >= LARGE_FROM else SMALL_CAST
    start_day = today - timedelta(days=span - 1)

    # People: introductions only point at someone earlier in the cast, who was
    # therefore met first.
    cast = _cast(rng, cast_size, w)
    people: list[Person] = []
    for i, (name, aliases, org, interests, _home, notes) in enumerate(cast):
        introduced_by = people[rng.randrange(i)].id if i >= 3 and rng.random() < 0.35 else None
        met = local.at(start_day + timedelta(days=rng.randrange(max(1, span // 3))), 9)
        stamp = _utc(met)
        people.append(Person(
            name=name, aliases=list(aliases), organisation=org, interests=list(interests),
            introduced_by=introduced_by, notes=notes,
            keep_in_touch_days=rng.choice((7, 14, 30, 30, 60, 90)) if rng.random() < 0.2 else None,
            id=_uuid(rng), created_at=stamp, updated_at=stamp,
        ))
    emoji_id = next((p.id for p in people if p.name == w.EMOJI_PERSON), None)

    # Who turns up where: a few regulars account for most encounters (Zipf),
    # and people are three times likelier in their home setting.
    cum_by_setting = {
        setting: list(accumulate((3.0 if row[4] == setting else 1.0) / (rank + 4) for rank, row in enumerate(cast)))
        for setting in SETTINGS
    }
    setting_names = list(SETTINGS)
    setting_cum = list(accumulate(SETTINGS[s][0] for s in setting_names))
    places = {s: ([p for p, _ in SETTINGS[s][1]], list(accumulate(w for _, w in SETTINGS[s][1]))) for s in SETTINGS}

    # Days: weekends are quieter and some days have no conversation at all.
    day_weights = []
    for offset in range(span):
        day = start_day + timedelta(days=offset)
        weight = 0.6 if day.weekday() >= 5 else 1.2
        if offset < span - 2 and rng.random() < 0.08:
            weight = 0.0
        day_weights.append(weight * (0.6 + rng.random()))
    day_cum = list(accumulate(day_weights))
    total = day_cum[-1]

    # Drafts are (day, minute of day, setting, place) integers so that 50,000
    # of them sort fast; local wall-clock order is time order (daytime only).
    # `r()*n` picks stand in for rng.choice and friends, which cost 3-10x more.
    r = rng.random
    now_minute = now.hour * 60 + now.minute
    last_day = span - 1

    def before_now(back: int) -> tuple[int, int]:
        minute = now_minute - back
        return (last_day, minute) if minute >= 0 else (last_day - 1, minute + 1440)

    drafts: list[tuple[int, int, int, str]] = []
    if encounters >= 2:
        # Yesterday and today always have a conversation, so the streak is alive.
        drafts.append((last_day - 1, 18 * 60 + 40, setting_names.index(w.YESTERDAY_PLACE[0]), w.YESTERDAY_PLACE[1]))
        drafts.append((*before_now(20 + int(r() * 100)), setting_names.index(w.TODAY_PLACE[0]), w.TODAY_PLACE[1]))
    setting_top = setting_cum[-1]
    while len(drafts) < encounters:
        day = bisect_right(day_cum, r() * total)
        s_index = bisect_right(setting_cum, r() * setting_top)
        names, cum = places[setting_names[s_index]]
        place = names[bisect_right(cum, r() * cum[-1])]
        lo, hi = SETTINGS[setting_names[s_index]][2]
        minute = (lo + int(r() * (hi - lo))) * 60 + 5 * int(r() * 12)
        if day == last_day and minute > now_minute - 5:
            day, minute = before_now(5 + int(r() * 235))
        drafts.append((day, minute, s_index, place))
    drafts.sort()

    people_cum = {s: (cum, cum[-1]) for s, cum in cum_by_setting.items()}
    FOLLOW_UPS, LEARNED, GAVE, ASKED = w.FOLLOW_UPS, w.LEARNED, w.GAVE, w.ASKED
    n_follow, n_learned, n_gave, n_asked = len(FOLLOW_UPS), len(LEARNED), len(GAVE), len(ASKED)
    rows: list[Encounter] = []
    for day_offset, minute, s_index, place in drafts:
        setting = setting_names[s_index]
        day = start_day + timedelta(days=day_offset)
        when = local.at(day, *divmod(minute, 60))
        roll = r()
        k = 0 if roll < 0.03 else 1 if roll < 0.65 else 2 if roll < 0.92 else 3
        cum, top = people_cum[setting]
        chosen: list[int] = []
        for _ in range(k):
            index = bisect_right(cum, r() * top)
            if index not in chosen:
                chosen.append(index)
        ids = [people[i].id for i in chosen]
        lead = people[chosen[0]] if chosen else None
        first = _first(lead.name) if lead else None
        pool = TOPICS[setting] + lead.interests if lead else TOPICS[setting]
        tags: list[str] = []
        for _ in range((1, 1, 2, 2, 3)[int(r() * 5)]):
            tag = pool[int(r() * len(pool))]
            if tag not in tags:
                tags.append(tag)
        notes = _notes(rng, setting, place, first, tags[:2], emoji_id in ids, w)
        org = lead.organisation if lead and lead.organisation else w.DEFAULT_ORG
        fill = {"first": first or w.FRIEND, "tag": tags[0], "org": org}
        learned = LEARNED[int(r() * n_learned)].format_map(fill) if r() < 0.5 else ""
        gave = GAVE[int(r() * n_gave)].format_map(fill) if ids and r() < 0.35 else ""
        asked = ASKED[int(r() * n_asked)].format_map(fill) if ids and r() < 0.12 else ""
        follow = None
        if ids and r() < 0.22:
            due = day + timedelta(days=1 + int(r() * 14)) if r() < 0.8 else None
            age = last_day - day_offset
            done = r() < (0.9 if age > 30 else 0.5 if age > 7 else 0.15)
            follow = FollowUp(FOLLOW_UPS[int(r() * n_follow)].format_map(fill), due, done)
        created = min(when + timedelta(minutes=1 + int(r() * 90)), now)
        stamp = _utc(created)
        updated = stamp
        if follow and follow.done:
            updated = _utc(min(created + timedelta(days=1 + int(r() * 10)), now))
        rows.append(Encounter(
            # What the store's save would compute: typed topics, then the notes' #hashtags.
            when=when, people=ids, place=place, setting=setting, notes=notes, topics=tags[2:] + tags[:2],
            learned=learned, gave=gave, asked=asked, follow_up=follow, id=_uuid(rng),
            created_at=stamp, updated_at=updated,
        ))
    _ensure_follow_up_mix(rows, people, today, now, w)

    opinions = _opinions(rng, rows, cast_size, now, w)
    reviews = _reviews(rng, rows, people, today, local, w)
    # Last, from their own random numbers: nothing above changes (see journal.demo_groups).
    groups = add_groups(rows, people, opinions, seed=seed, now=now, local=local, world=w)
    me = add_reach(rows, seed=seed, now=now, stamp=_utc(now), qualities=w.QUALITIES)
    return {
        "encounters": {str(i): e.to_dict() for i, e in enumerate(rows, 1)},
        "people": {str(i): p.to_dict() for i, p in enumerate(people, 1)},
        "opinions": {str(i): o.to_dict() for i, o in enumerate(opinions, 1)},
        "reviews": {str(i): r.to_dict() for i, r in enumerate(reviews, 1)},
        "groups": {str(i): g.to_dict() for i, g in enumerate(groups, 1)},
        "me": {"1": me.to_dict()},
        "meta": {"1": {"schema_version": CURRENT_SCHEMA}},
    }


def _ensure_follow_up_mix(rows: list[Encounter], people: list[Person], today: date, now: datetime, w) -> None:
    """Whatever the seed, the demo shows open, overdue and done follow-ups."""
    names = {p.id: _first(p.name) for p in people}
    with_people = [e for e in rows if e.people]
    recent = [e for e in with_people if (today - e.when.date()).days <= 3]
    older = [e for e in with_people if 10 <= (today - e.when.date()).days <= 40]
    notes, call, thank = w.FOLLOW_UP_MIX
    wanted = [
        (recent[-2:], lambda e: FollowUp(notes.format(name=names[e.people[0]]), today + timedelta(days=3), False)),
        (older[:2], lambda e: FollowUp(call.format(name=names[e.people[0]]), e.when.date() + timedelta(days=2), False)),
        (older[2:4], lambda e: FollowUp(thank.format(name=names[e.people[0]]), e.when.date() + timedelta(days=1), True)),
    ]
    for group, make in wanted:
        for encounter in group:
            encounter.follow_up = make(encounter)
            if encounter.follow_up.done:
                done_at = min(encounter.when + timedelta(days=1), now)
                encounter.updated_at = _utc(done_at)


def _opinions(rng: random.Random, rows: list[Encounter], cast_size: int, now: datetime, w) -> list[Opinion]:
    subjects = list(w.OPINIONS)
    if cast_size >= LARGE_CAST:
        orgs = sorted({o for o in w.ORGANISATIONS if o})
        subject, versions = w.WORKPLACE_OPINION
        subjects += [(subject.format(org=org), list(versions)) for org in orgs]
    opinions = []
    for subject, versions in subjects:
        # Each version was formed after an encounter, in time order. As in
        # store.opinions.note, history keeps each replaced version, stamped with
        # when it was replaced and the encounter that prompted the change.
        picks = sorted(rng.sample(range(len(rows)), min(len(rows), len(versions))))
        if not picks:
            continue
        versions = versions[-len(picks):]
        moments = [min(rows[i].when + timedelta(hours=1), now) for i in picks]
        history = [
            OpinionRevision(stance=stance, confidence=confidence, changed_at=_utc(moment), encounter=rows[i].id)
            for (stance, confidence), moment, i in zip(versions[:-1], moments[1:], picks[1:])
        ]
        stance, confidence = versions[-1]
        opinions.append(Opinion(
            subject=subject, stance=stance, confidence=confidence,
            encounters=[rows[i].id for i in picks], history=history, id=_uuid(rng),
            created_at=_utc(moments[0]), updated_at=_utc(moments[-1]),
        ))
    return opinions


def _reviews(rng: random.Random, rows: list[Encounter], people: list[Person], today: date, local: _LocalDays, w) -> list[WeekReview]:
    """A reflection for most past weeks (never this one, which is not over)."""
    names = {p.id: _first(p.name) for p in people}
    weeks: dict[str, list[Encounter]] = {}
    for encounter in rows:
        weeks.setdefault(_week_label(encounter.when.date()), []).append(encounter)
    this_week = _week_label(today)
    reviews = []
    for label, group in weeks.items():
        if label == this_week or rng.random() < 0.3:
            continue
        who = Counter(pid for e in group for pid in e.people)
        first = names[who.most_common(1)[0][0]] if who else w.NOBODY
        setting = Counter(e.setting for e in group).most_common(1)[0][0]
        tag = Counter(t for e in group for t in e.topics).most_common(1)[0][0] if any(e.topics for e in group) else w.NO_TAG
        text = rng.choice(w.REFLECTIONS).format(count=len(group), setting=setting, first=first, tag=tag)
        # Written on the Sunday evening that ends the week.
        sunday = date.fromisocalendar(*map(int, (label[:4], label[6:], 7)))
        stamp = _utc(local.at(sunday, 21, 30))
        reviews.append(WeekReview(week=label, reflection=text, id=_uuid(rng), created_at=stamp, updated_at=stamp))
    return reviews


def build_demo(
    path: str | Path,
    *,
    encounters: int = 300,
    seed: int = 7,
    now: datetime | None = None,
    force: bool = False,
    verify: bool = True,
    language: str = "en",
) -> DemoSummary:
    """Write a demo journal at `path`, in `language`; refuses to replace a file unless `force`."""
    path = Path(path)
    document = build_document(encounters=encounters, seed=seed, now=now, language=language)
    payload = orjson.dumps(document)
    ensure_private_dir(path.parent)
    # The same lock as the store's, so a running netjournal never has the file
    # replaced in the middle of its own save.
    lock = JournalLock(str(path) + ".lock", timeout=TIMEOUT)
    try:
        lock.acquire()
    except LockTimeout:
        raise JournalError(f"The journal {path} is busy: another netjournal is saving it. Nothing was written.") from None
    except OSError as exc:
        raise JournalError(f"Could not lock {path}.lock ({exc.strerror or exc}). Nothing was written.") from None
    try:
        if path.exists() and not force:
            raise DemoExistsError(path)
        atomic_write_bytes(path, payload)
    finally:
        lock.release()
    if verify:
        from .store import Store

        with Store(path) as store:
            if store.count() != encounters or len(store.people()) != len(document["people"]):
                raise JournalError(f"The demo journal {path} did not read back as written.")
    return DemoSummary(
        path=path,
        encounters=len(document["encounters"]),
        people=len(document["people"]),
        opinions=len(document["opinions"]),
        reviews=len(document["reviews"]),
        size_bytes=len(payload),
        groups=len(document["groups"]),
    )
