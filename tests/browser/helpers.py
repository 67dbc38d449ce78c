"""What every browser test does: sign in through the real form, fill GOV.UK date inputs,
submit forms, and run axe-core."""

from datetime import date

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})"
# Findings that were checked by hand and are not failures: (rule, how the node's HTML starts),
# each with the reason. Anything else axe reports fails the test.
NOT_FAILURES = {
    (
        "label-content-name-mismatch",
        '<button class="govuk-file-upload-button',
    ): "GOV.UK Frontend's file upload names its button from the label and the button's own text "
    "(aria-labelledby), so the name holds every visible word. axe joins the status and "
    "'Choose file' into 'chosenChoose', a word the name lacks, and so reports a mismatch.",
}


def _is_failure(rule: str, node: dict) -> bool:
    return not any(rule == known_rule and node["html"].startswith(html) for known_rule, html in NOT_FAILURES)


def assert_no_axe_violations(page, axe_source: str) -> None:
    page.add_script_tag(content=axe_source)
    results = page.evaluate(AXE_RUN, AXE_TAGS)
    assert results["passes"], "axe-core ran no checks: was the page empty?"
    violations = [
        {**v, "nodes": nodes}
        for v in results["violations"]
        if (nodes := [n for n in v["nodes"] if _is_failure(v["id"], n)])
    ]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}" for v in violations
    )
    assert violations == [], f"axe-core found violations on {page.url}:\n{report}"


def sign_in(page, email: str, password: str) -> None:
    page.goto("/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    # Wait for the form's POST to navigate: click() alone can return while the old page is
    # still shown, and the assertions after it would then read the sign-in page.
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Sign in").click()


def sign_in_as(page, email: str, password: str) -> None:
    """Sign out whoever is signed in, then sign in as someone else."""
    page.context.clear_cookies()
    sign_in(page, email, password)


def fill_date(page, field: str, day: date) -> None:
    """Fill the GOV.UK date input of form field `field` (kcpo.fields.GovukDateInput)."""
    page.fill(f"#id_{field}", str(day.day))
    page.fill(f"#id_{field}_month", str(day.month))
    page.fill(f"#id_{field}_year", str(day.year))


def submit(page, name: str) -> None:
    """Press the button named `name` and wait for the page the POST leads to."""
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=name, exact=True).click()
