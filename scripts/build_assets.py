"""Copy GOV.UK Frontend and MOJ Frontend from node_modules into static/vendor.

The precompiled CSS points its fonts and images at the site root (`/assets/...`); we
rewrite those to paths relative to the stylesheet so that they work under STATIC_URL
and through the hashed-name manifest. Run by `make assets` after `npm ci`.
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

PACKAGES = {
    "govuk": (NODE / "govuk-frontend" / "dist" / "govuk", ["govuk-frontend.min.css", "govuk-frontend.min.js"]),
    "moj": (NODE / "@ministryofjustice" / "frontend" / "moj", ["moj-frontend.min.css", "moj-frontend.min.js"]),
}
ROOT_ASSET_URL = re.compile(r"url\(/assets/")


def build() -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for name, (source, files) in PACKAGES.items():
        if not source.exists():
            sys.exit(f"{source} is missing: run `npm ci` first.")
        target = VENDOR / name
        target.mkdir(parents=True)
        for filename in files:
            for suffix in ("", ".map"):
                if (source / f"{filename}{suffix}").exists():
                    shutil.copy2(source / f"{filename}{suffix}", target / f"{filename}{suffix}")
            if filename.endswith(".css"):
                css = target / filename
                css.write_text(ROOT_ASSET_URL.sub("url(assets/", css.read_text()))
        shutil.copytree(source / "assets", target / "assets")
    axe = NODE / "axe-core" / "axe.min.js"
    if axe.exists():  # only for the accessibility tests; never served to users
        (ROOT / "var").mkdir(exist_ok=True)
        shutil.copy2(axe, ROOT / "var" / "axe.min.js")
    print(f"Front-end assets copied to {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    build()
