"""The wheel's build; pyproject.toml holds the project.

In a checkout the site's templates, static files and English catalogue live beside the code
(templates/, static/, locale/). A wheel carries them inside the behovsraknare package, the .po
compiled to its .mo with GNU gettext's msgfmt, and the settings look for them there when the app
runs from an install (behovsraknare/settings.py).
"""

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithSiteFiles(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return  # an editable install runs from the checkout, where they are
        package = Path(self.build_lib) / "behovsraknare"
        for name in ("templates", "static"):
            shutil.copytree(ROOT / name, package / name, dirs_exist_ok=True)
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            raise SystemExit(
                "msgfmt not found: install GNU gettext (Debian: apt-get install gettext)"
            )
        for po in (ROOT / "locale").glob("*/LC_MESSAGES/*.po"):
            mo = package / po.relative_to(ROOT).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([msgfmt, "--check", "--output-file", mo, po], check=True)


setup(cmdclass={"build_py": BuildWithSiteFiles})
