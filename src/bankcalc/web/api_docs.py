"""The interactive API docs: Swagger UI from the flask-openapi3-swagger wheel, no CDN.

The plugin's own page carries an inline script, which our Content-Security-Policy forbids;
this page loads the same bundled assets and starts Swagger UI from a script served here.
flask-openapi3's own docs index (inline onclick and style) and its copy of the spec under the
docs prefix are not served: one docs page at {prefix}/swagger, one spec at /api/v1/openapi.json.
"""

from __future__ import annotations

import threading

from flask import Response, abort, jsonify, redirect
from flask_openapi3 import OpenAPI
from flask_openapi3_swagger.plugins import RegisterPlugin

from bankcalc.web import caching
from bankcalc.web.api import document_language

DOCS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>bankcalc API: interactive documentation</title>
  <link rel="icon" href="{{ static_url('favicon.svg') }}" type="image/svg+xml">
  <link rel="stylesheet" href="swagger/css/swagger-ui.css">
</head>
<body>
  <main id="swagger-ui" data-url="{{ doc_url }}"></main>
  <script src="swagger/js/swagger-ui-bundle.js"></script>
  <script src="swagger/js/swagger-ui-standalone-preset.js"></script>
  <script src="swagger-init.js"></script>
</body>
</html>
"""

INIT_SCRIPT = """window.addEventListener("load", function () {
  var node = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: new URL(node.dataset.url, window.location.href).href,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout"
  });
});
"""


_documenting = threading.Lock()


def register(app: OpenAPI, prefix: str, spec_url: str) -> None:
    """Serve the CSP-friendly docs page at {prefix}/swagger and the spec at `spec_url`."""
    app.config["SWAGGER_HTML_STRING"] = DOCS_PAGE
    # The plugin's blueprint brings the page and its bundled assets (swagger/js, swagger/css);
    # its page reads the spec from `doc_url`, the one spec.
    app.register_blueprint(RegisterPlugin.register(doc_url=spec_url), url_prefix=prefix)
    # OAuth2's redirect page is an inline script; this API has no OAuth.
    app.view_functions["swagger.oauth2-redirect"] = _not_here
    app.add_url_rule(f"{prefix}/", "api_docs_index", lambda: redirect(f"{prefix}/swagger"))
    app.add_url_rule(f"{prefix}/swagger-init.js", "api_docs_init", _init_script)

    @caching.cacheable()
    def spec() -> Response:
        with _documenting:  # the document is built once and kept: complete it once
            document = document_language(app.api_doc)
        return jsonify(document)

    app.add_url_rule(spec_url, "openapi_json", spec)


def _not_here() -> Response:
    abort(404)


def _init_script() -> Response:
    return Response(INIT_SCRIPT, mimetype="text/javascript")
