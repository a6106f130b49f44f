"""Page parts that are the same on every page of a language, rendered once per process.

The offer's fields sit, folded, on every calculator page; untouched (every value its default,
no error, folded) they depend on nothing but the language, yet cost a fifth of a result page
to render. Rendered once per language and reused, byte for byte: `tests/pages` compares the
reused fragment with a fresh render. Anything else about the offer renders afresh.
"""

from __future__ import annotations

from flask import current_app
from markupsafe import Markup

from bankcalc import i18n
from bankcalc.web.form import FormView

_UNTOUCHED_OFFER: dict[str, Markup] = {}


def offer_fields(form: FormView) -> Markup:
    """The offer's fields for this form: from the per-language copy when untouched."""
    if not form.offer_untouched:
        return render_offer_fields(form)
    language = i18n.language()
    html = _UNTOUCHED_OFFER.get(language)
    if html is None:
        html = _UNTOUCHED_OFFER[language] = render_offer_fields(form)
    return html


def render_offer_fields(form: FormView) -> Markup:
    template = current_app.jinja_env.get_template("_offer_form.html")
    return Markup(template.render(form=form))
