"""The API's JSON parser: DRF's, with a body nested too deep for Python's json module as a parse error.

`[[[[…` a million levels deep fits in the body size cap but makes `json.loads` raise `RecursionError`,
which DRF's parser does not catch (it becomes a 500 HTML page); here it is the API's JSON 400.
"""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DRFJSONParser


class JSONParser(DRFJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON nested too deep") from None
