"""Speak the standards: W3C ORG / OSLO RDF and Popolo JSON out and in, the Mandatendatabank in.

See docs/interop.md. Every module imports rdflib only when RDF is asked for.
"""

from orggraph.interop.convert import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    export_city,
    export_text,
    import_file,
    validate_document,
)
from orggraph.interop.result import ImportFailed, ImportResult, Unmatched

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "ImportFailed", "ImportResult", "Unmatched",
           "export_city", "export_text", "import_file", "validate_document"]
