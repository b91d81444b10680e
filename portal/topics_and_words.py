"""The topics and the word list (glossary) of a language: topics.yaml and glossary.yaml, checked."""

from __future__ import annotations

from pathlib import Path

from portal.errors import ErrorList
from portal.models import GlossaryEntry, Topic
from portal.schema import (
    Field,
    bad_id,
    parse_entries,
    parse_fields,
    parse_order,
    parse_slug,
    parse_text,
    parse_text_list,
)
from portal.yamlfile import read_yaml_file

# Everyday words that a glossary may not link (each form must be a real term).
STOP_WORDS = frozenset(
    "a an and are as at be but by can do for from has have he her his i if in is it its me my no "
    "not of on or our she so that the their them they this to up us was we what when who will "
    "with yes you your".split()
)
TOPIC_FIELDS = {
    "order": Field(parse_order, False),
    "title": Field(parse_text, True, text=True),
    "summary": Field(parse_text, True, text=True),
}
GLOSSARY_FIELDS = {
    "id": Field(parse_slug, True),
    "term": Field(parse_text, True, text=True),
    "match": Field(parse_text_list, False),
    "definition": Field(parse_text, True, text=True),
}


def load_topics(path: Path, errors: ErrorList, required: bool) -> dict[str, Topic]:
    """A language's topics.yaml (English must have one): each topic's order, title and summary."""
    if not path.exists():
        if required:
            errors.add(path, None, "the list of topics is missing (see content/README.md, Topics)")
        return {}
    raw = read_yaml_file(
        path, errors, dict, "write one topic name per line, each followed by order, title and summary"
    )
    entries = parse_entries(
        path,
        raw,
        TOPIC_FIELDS,
        errors,
        name=lambda topic_id: f"topic '{topic_id}'",
        key_problem=bad_id("topic name"),
        needs="order, title and summary",
    )
    topics: dict[str, Topic] = {}
    for topic_id, (values, line) in entries.items():
        if required and "order" not in values:
            errors.add(path, line, f"topic '{topic_id}' needs an 'order'")
        else:
            topics[topic_id] = Topic(topic_id, values.get("order", 0), values["title"], values["summary"])
    return topics


def load_glossary(path: Path, errors: ErrorList) -> tuple[GlossaryEntry, ...]:
    """A language's glossary.yaml (the word list): entries whose words are linked on family pages."""
    if not path.exists():
        return ()
    raw = read_yaml_file(
        path, errors, list, "the glossary must be a list of entries, each starting with '- id:'"
    )
    if raw is None:
        return ()
    entries: list[GlossaryEntry] = []
    for item in raw:
        if not isinstance(item.value, dict):
            errors.add(path, item.line, "each entry needs id, term and definition")
            continue
        values, problems = parse_fields(item.value, GLOSSARY_FIELDS, item.line)
        for line, message in problems:
            errors.add(path, line, message)
        if problems:
            continue
        if any(entry.id == values["id"] for entry in entries):
            errors.add(path, item.line, f"the id '{values['id']}' is used twice")
            continue
        forms = values.get("match") or (values["term"],)
        if bad := [form for form in forms if _too_common(form)]:
            where = item.value["match"].line if "match" in item.value else item.line
            errors.add(
                path,
                where,
                f"'{bad[0]}' is too short or too common to link on every page it appears on: "
                "match whole words or phrases of two letters or more, e.g. 'core group'",
            )
            continue
        entries.append(GlossaryEntry(values["id"], values["term"], forms, values["definition"]))
    return tuple(entries)


def _too_common(form: str) -> bool:
    """A glossary form that would turn ordinary words into links all over a page."""
    letters = [character for character in form if character.isalnum()]
    return len(letters) < 2 or form.casefold() in STOP_WORDS
