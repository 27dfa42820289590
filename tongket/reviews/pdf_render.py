"""PDF with the DOCX's layout: LibreOffice converts the very file a secretariat edits."""

import shutil
import subprocess
import tempfile
from pathlib import Path


class ConversionError(RuntimeError):
    pass


def docx_to_pdf(docx: bytes, *, timeout: int = 120) -> bytes:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise ConversionError(
            "Chưa cài LibreOffice (chạy scripts/system-deps.sh) nên không tạo được PDF."
        )
    with tempfile.TemporaryDirectory(prefix="tongket-pdf-") as folder:
        source = Path(folder) / "review.docx"
        source.write_bytes(docx)
        profile = Path(folder) / "profile"
        result = subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        target = Path(folder) / "review.pdf"
        if result.returncode != 0 or not target.exists():
            raise ConversionError(
                f"LibreOffice không chuyển được sang PDF: {result.stderr.decode()[-300:]}"
            )
        return target.read_bytes()
