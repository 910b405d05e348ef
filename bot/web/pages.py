"""HTML of the web intake: plain server-rendered pages that work without JavaScript.

Every text comes from the kk/ru/en catalogs; everything a citizen or the knowledge base wrote is escaped here, once.
No external resource of any kind: one stylesheet and one optional script, both served by this site.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from bot.cases.forms import CHOICE_PREFIX, Question, QuestionKind
from bot.cases.web_reports import QUESTION_FIELD, WORDS_SUFFIX, ReviewLine
from bot.core.i18n import Translator
from bot.core.languages import LANGUAGES
from bot.models.cases import Category

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}  # each in its own language


@dataclass(frozen=True)
class Page:
    """One language's view of the site: texts and links."""

    translator: Translator
    lang: str

    def t(self, key: str, **args: object) -> str:
        """A catalog text, escaped for HTML."""
        return escape(self.translator.text(self.lang, key, **args))

    def link(self, path: str) -> str:
        return f"/{self.lang}{path}"

    def layout(self, title_key: str, body: str, *, path: str = "/") -> str:
        languages = " · ".join(
            f'<a href="/{lang}{escape(path)}" lang="{lang}" hreflang="{lang}">{LANGUAGE_NAMES[lang]}</a>'
            if lang != self.lang
            else f"<strong>{LANGUAGE_NAMES[lang]}</strong>"
            for lang in LANGUAGES
        )
        nav = " ".join(
            f'<a href="{self.link(target)}">{self.t(key)}</a>'
            for target, key in (
                ("/", "web-nav-home"),
                ("/ask", "web-nav-ask"),
                ("/report", "web-nav-report"),
                ("/status", "web-nav-status"),
            )
        )
        return (
            f'<!doctype html><html lang="{self.lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>{self.t(title_key)} — {self.t('web-site-name')}</title>"
            '<link rel="stylesheet" href="/static/site.css"></head><body>'
            f'<p class="emergency" role="alert">{self.t("web-emergency")}</p>'
            f'<header><p class="languages">{languages}</p><p class="site">{self.t("web-site-name")}</p>'
            f"<nav>{nav}</nav></header><main><h1>{self.t(title_key)}</h1>{body}</main></body></html>"
        )


def errors_block(page: Page, keys: Iterable[tuple[str, dict[str, object]]]) -> str:
    items = "".join(f"<li>{page.t(key, **args)}</li>" for key, args in keys)
    return f'<div class="errors" role="alert"><ul>{items}</ul></div>' if items else ""


def home(page: Page) -> str:
    limits = "".join(
        f"<li>{page.t(key)}</li>"
        for key in ("web-channel-limit-device", "web-channel-limit-network", "web-channel-limit-writing")
    )
    body = (
        f"<p>{page.t('web-intro')}</p>"
        f'<p class="actions"><a class="button" href="{page.link("/report")}">{page.t("web-nav-report")}</a> '
        f'<a class="button" href="{page.link("/ask")}">{page.t("web-nav-ask")}</a> '
        f'<a class="button" href="{page.link("/status")}">{page.t("web-nav-status")}</a></p>'
        f"<h2>{page.t('web-channel-protects-title')}</h2><p>{page.t('web-channel-protects')}</p>"
        f"<h2>{page.t('web-channel-limits-title')}</h2><ul>{limits}</ul>"
    )
    return page.layout("web-home-title", body)


def ask(
    page: Page,
    *,
    question: str,
    danger: bool,
    answer: str | None,
    suggestions: Sequence[tuple[str, str]],
    unknown: bool,
) -> str:
    """``suggestions``: (label, a question that leads straight to the entry) pairs, shown as links."""
    parts = []
    if danger:
        parts.append(f'<p class="emergency" role="alert">{page.t("web-ask-danger")}</p>')
    parts.append(
        f'<form method="get" action="{page.link("/ask")}"><label for="q">{page.t("web-ask-label")}</label>'
        f'<textarea id="q" name="q" rows="3" maxlength="4096">{escape(question)}</textarea>'
        f'<button type="submit">{page.t("web-ask-button")}</button></form>'
    )
    links = "".join(
        f'<li><a href="{page.link("/ask")}?entry={escape(entry)}">{escape(label)}</a></li>'
        for label, entry in suggestions
    )
    if answer is not None:
        parts.append(f'<section class="answer"><p>{escape(answer)}</p></section>')
        if suggestions:  # a narrow lead: the close runner-ups too (Tuning.see_also_lead)
            parts.append(f"<section><p>{page.t('web-ask-see-also')}</p><ul>{links}</ul></section>")
    elif suggestions:
        parts.append(f"<section><p>{page.t('web-ask-suggest')}</p><ul>{links}</ul></section>")
    elif unknown:
        parts.append(
            f"<section><p>{page.t('web-ask-unknown')}</p>"
            f'<p><a href="{page.link("/report")}">{page.t("web-nav-report")}</a></p></section>'
        )
    return page.layout("web-ask-title", "".join(parts), path="/ask")


@dataclass(frozen=True)
class ReportForm:
    category: str = ""
    description: str = ""
    place: str = ""
    incident_time: str = ""
    answers: dict[str, str] = field(default_factory=dict)  # as stored: words, or "choice:<id>"


def report_category(page: Page, *, chosen: str, errors: Sequence[tuple[str, dict[str, object]]] = ()) -> str:
    """Step 1 of a report: what it is about. A GET form: choosing sets no cookie (none until a report is started)."""

    def option(category: Category) -> str:
        checked = " checked" if chosen == category.value else ""
        return (
            f'<label class="choice"><input type="radio" name="category" value="{category.value}"{checked} required> '
            f"{page.t('category-' + category.value)}</label>"
        )

    body = (
        errors_block(page, errors) + f'<p class="hint">{page.t("web-report-step-category")}</p>'
        f'<form method="get" action="{page.link("/report")}">'
        f"<fieldset><legend>{page.t('web-report-category')}</legend>{''.join(option(c) for c in Category)}</fieldset>"
        f'<button type="submit">{page.t("web-report-next")}</button></form>'
    )
    return page.layout("web-report-title", body, path="/report")


def _optional(page: Page, label: str) -> str:
    return f"{escape(label)} {page.t('web-question-optional')}"


def _question(page: Page, question: Question, form: ReportForm) -> str:
    """One question of the category's questionnaire as a form field; every one may be left empty."""
    name = QUESTION_FIELD + question.id
    label = question.label[page.lang]
    if question.kind == QuestionKind.place:
        return (
            f'<label for="place">{_optional(page, label)}</label>'
            f'<input id="place" name="place" maxlength="500" value="{escape(form.place)}">'
        )
    if question.kind == QuestionKind.time:
        return (
            f'<label for="incident_time">{_optional(page, label)}</label>'
            f'<input id="incident_time" name="incident_time" maxlength="200" value="{escape(form.incident_time)}">'
        )
    stored = form.answers.get(question.id, "")
    if question.kind == QuestionKind.choice:
        picked = stored.removeprefix(CHOICE_PREFIX) if stored.startswith(CHOICE_PREFIX) else ""
        words = "" if stored.startswith(CHOICE_PREFIX) else stored
        options = [("", page.t("web-question-no-answer"))]
        options += [(choice.id, escape(choice.text[page.lang])) for choice in question.choices]
        radios = "".join(
            f'<label class="choice"><input type="radio" name="{name}" value="{escape(value)}"'
            f"{' checked' if value == picked else ''}> {text}</label>"
            for value, text in options
        )
        return (
            f'<fieldset class="question" id="{name}"><legend>{_optional(page, label)}</legend>{radios}'
            f'<label for="{name}{WORDS_SUFFIX}">{page.t("web-question-own-words")}</label>'
            f'<input id="{name}{WORDS_SUFFIX}" name="{name}{WORDS_SUFFIX}" maxlength="1000" value="{escape(words)}">'
            "</fieldset>"
        )
    return (
        f'<label for="{name}">{_optional(page, label)}</label>'
        f'<textarea id="{name}" name="{name}" rows="2" maxlength="1000">{escape(stored)}</textarea>'
    )


def report_form(
    page: Page,
    form: ReportForm,
    *,
    questions: Sequence[Question],
    errors: Sequence[tuple[str, dict[str, object]]],
    uploads: Sequence[tuple[int, str, int]],
    min_chars: int,
    max_files: int,
    max_file_mb: int,
) -> str:
    """Step 2: the chosen category's questions (the bot's questionnaire), description, place, time and files."""
    kinds = {question.kind for question in questions}
    fields = "".join(_question(page, question, form) for question in questions)
    if QuestionKind.place not in kinds:  # the web form always offers a place and a time, like the bot's "other"
        fields += (
            f'<label for="place">{page.t("web-report-place")}</label>'
            f'<input id="place" name="place" maxlength="500" value="{escape(form.place)}">'
        )
    if QuestionKind.time not in kinds:
        fields += (
            f'<label for="incident_time">{page.t("web-report-time")}</label>'
            f'<input id="incident_time" name="incident_time" maxlength="200" value="{escape(form.incident_time)}">'
        )
    kept = "".join(
        f"<li>{escape(name)} ({size // 1024 + 1} KB) "
        f'<button type="submit" name="remove" value="{upload_id}" formnovalidate>{page.t("web-report-remove-file")}'
        "</button></li>"
        for upload_id, name, size in uploads
    )
    files_kept = f"<p>{page.t('web-report-files-kept')}</p><ul>{kept}</ul>" if kept else ""
    category = page.translator.text(page.lang, "category-" + form.category)
    body = (
        errors_block(page, errors)
        + f'<p class="chosen" id="chosen-category">{page.t("web-report-chosen", category=category)} '
        f'<a href="{page.link("/report")}?choose={escape(form.category)}">{page.t("web-report-change-category")}</a>'
        "</p>"
        f'<form method="post" action="{page.link("/report")}" enctype="multipart/form-data">'
        f'<input type="hidden" name="category" value="{escape(form.category)}">'
        f'<label for="description">{page.t("web-report-description", min=min_chars)}</label>'
        f'<textarea id="description" name="description" rows="8" maxlength="4000">{escape(form.description)}'
        "</textarea>"
        f"{fields}"
        f'<label for="files">{page.t("web-report-files", count=max_files, mb=max_file_mb)}</label>'
        f'<input id="files" type="file" name="files" multiple accept="image/jpeg,image/png,image/webp,image/gif,'
        'application/pdf,.docx,.xlsx,.pptx">'
        f"{files_kept}"
        f'<p class="hint">{page.t("web-report-files-cleaned")}</p>'
        f'<button type="submit" name="action" value="review">{page.t("web-report-continue")}</button></form>'
    )
    return page.layout("web-report-title", body, path="/report")


def happening_now(page: Page) -> str:
    """The bot's question after a description that signals danger, the emergency numbers first."""
    body = (
        f'<p class="emergency" role="alert" id="danger-numbers">{page.t("web-ask-danger")}</p>'
        f'<form method="post" action="{page.link("/report/now")}" class="now">'
        f'<p class="question">{page.t("danger-happening-now")}</p>'
        f'<button type="submit" name="now" value="yes" class="urgent">{page.t("danger-now-yes-button")}</button> '
        f'<button type="submit" name="now" value="no">{page.t("danger-now-no-button")}</button></form>'
    )
    return page.layout("web-now-title", body, path="/report")


def review(
    page: Page,
    form: ReportForm,
    *,
    lines: Sequence[ReviewLine],
    happening_now: bool | None,
    uploads: Sequence[tuple[int, str, int]],
    challenge: str,
    pow_bits: int,
    wait_seconds: int,
    errors: Sequence[tuple[str, dict[str, object]]] = (),
) -> str:
    """``lines``: the questionnaire's rows (web_reports.review_lines)."""

    def row(label: str, value: str | None) -> str:
        shown = escape(value) if value and value.strip() else page.t("web-review-not-given")
        return f"<dt>{label}</dt><dd>{shown}</dd>"

    generic = {"place": "web-review-place", "incident_time": "web-review-time"}
    answered = "".join(
        row(escape(line.label) if line.label is not None else page.t(generic[line.field]), line.value) for line in lines
    )
    now = ""
    if happening_now is not None:
        said = "web-review-now-yes" if happening_now else "web-review-now-no"
        now = f"<dt>{page.t('danger-happening-now')}</dt><dd>{page.t(said)}</dd>"
    call_now = f'<p class="emergency" role="alert">{page.t("danger-call-now")}</p>' if happening_now else ""
    files = ", ".join(escape(name) for _, name, _ in uploads) or page.t("web-review-not-given")
    body = (
        call_now
        + errors_block(page, errors)
        + "<dl>"
        + row(page.t("web-report-category"), page.translator.text(page.lang, "category-" + form.category))
        + row(page.t("web-review-description"), form.description)
        + now
        + answered
        + f"<dt>{page.t('web-review-files')}</dt><dd>{files}</dd></dl>"
        f'<p><a href="{page.link("/report")}">{page.t("web-review-edit")}</a></p>'
        f'<form method="post" action="{page.link("/report/submit")}" id="submit-form" '
        f'data-challenge="{escape(challenge)}" data-bits="{pow_bits}">'
        '<input type="hidden" name="nonce" id="nonce" value="">'
        f'<p class="hint" id="pow-status" data-working="{page.t("web-review-pow-working")}">'
        f"{page.t('web-review-no-script', seconds=wait_seconds)}</p>"
        f'<button type="submit">{page.t("web-review-submit")}</button></form>'
        '<script src="/static/pow.js" defer></script>'
    )
    return page.layout("web-review-title", body, path="/report")


def receipt(page: Page, *, code: str, urgent: bool) -> str:
    urgent_note = f'<p class="emergency">{page.t("web-ask-danger")}</p>' if urgent else ""
    body = (
        urgent_note + f"<p>{page.t('web-receipt-intro')}</p>"
        f'<p class="code"><code>{escape(code)}</code></p>'
        f"<p>{page.t('web-receipt-keep')}</p>"
        f'<p><a href="{page.link("/status")}">{page.t("web-nav-status")}</a></p>'
    )
    return page.layout("web-receipt-title", body, path="/status")


def status_form(page: Page, *, error_key: str | None = None) -> str:
    error = errors_block(page, [(error_key, {})]) if error_key else ""
    body = (
        error + f'<form method="post" action="{page.link("/status")}">'
        f'<label for="code">{page.t("web-status-code")}</label>'
        '<input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" '
        'maxlength="40" required>'
        f'<button type="submit">{page.t("web-status-button")}</button></form>'
    )
    return page.layout("web-status-title", body, path="/status")


@dataclass(frozen=True)
class Exchange:
    from_operator: bool
    when: str
    body: str


def status_view(
    page: Page,
    *,
    zone: str,
    code: str,
    status_key: str,
    exchanges: Sequence[Exchange],
    open_: bool,
    note_key: str | None,
) -> str:
    """The case's status and its dialogue, oldest first: the operators' messages and the reporter's replies in the
    order they were written, each with its time in ``zone`` (named on the page)."""
    note = f'<p class="notice">{page.t(note_key)}</p>' if note_key else ""

    def entry(item: Exchange) -> str:
        side, key = (
            ("operator", "web-status-from-operator") if item.from_operator else ("citizen", "web-status-from-you")
        )
        return f'<li class="{side}"><p class="meta">{page.t(key, date=item.when)}</p><p>{escape(item.body)}</p></li>'

    items = "".join(entry(item) for item in exchanges)
    dialogue = (
        f'<p class="hint" id="times-zone">{page.t("web-status-times", zone=zone)}</p><ol class="dialogue">{items}</ol>'
        if items
        else f"<p>{page.t('status-no-messages')}</p>"
    )
    reply = (
        f'<form method="post" action="{page.link("/status/reply")}">'
        f'<input type="hidden" name="code" value="{escape(code)}">'
        f'<label for="body">{page.t("web-status-reply")}</label>'
        '<textarea id="body" name="body" rows="4" maxlength="4000" required></textarea>'
        f'<button type="submit">{page.t("web-status-reply-button")}</button></form>'
        if open_
        else f"<p>{page.t('status-reply-closed')}</p>"
    )
    body = (
        note
        + f"<p>{page.t('web-status-state', status=page.translator.text(page.lang, status_key))}</p>"
        + dialogue
        + reply
    )
    return page.layout("web-status-title", body, path="/status")


def message(page: Page, title_key: str, text_key: str, **args: object) -> str:
    return page.layout(title_key, f"<p>{page.t(text_key, **args)}</p>")
