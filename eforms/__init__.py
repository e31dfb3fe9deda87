"""Online declaration forms (issue 7; its own app since issue 17): each center's configurable forms, and
citizens submitting dossiers online.

Editors build a `DeclarationFormPage` per (center, procedure) in the Wagtail admin, optionally on top of a
`SharedForm` template; citizens submit it; `services.submit_declaration` creates the dossier through
`workflows.services.receive_dossier`. The JSON definition is served by `api` at `/api/v1/forms/`. Depends on
`catalog` and `workflows` only; `cms` composes it (URLs, the home page it hangs under, the demo).
"""
