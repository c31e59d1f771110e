from aduan.cases import workflow
from aduan.cases.workflow_doc import DOC_PATH, render


def test_docs_workflow_md_is_generated_from_the_table():
    assert DOC_PATH.read_text(encoding="utf-8") == render(), (
        "docs/workflow.md is stale: run `python manage.py workflow_doc`"
    )


def test_rendered_doc_lists_every_transition():
    text = render()
    for (source, action), target in workflow.CASE_TRANSITIONS.items():
        assert f"`{source}`" in text and f"`{action}`" in text and f"`{target}`" in text
    assert text.count("\n| `") >= len(workflow.CASE_TRANSITIONS) + len(
        workflow.ASSIGNMENT_TRANSITIONS
    )
