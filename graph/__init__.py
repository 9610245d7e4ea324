"""Map who does what to whom: actors, typed relations, evidence and time.

Load and validate ``data/`` into a networkx graph, query it, view it as of a
date, analyse it, and draw it as one offline HTML page::

    >>> import graph
    >>> G = graph.load_graph(graph.EXAMPLE_DATA)
    >>> graph.relations(G, "Pyongyang", latest=True).verb.tolist()
    ['sends troops to', 'condemns', 'has a defense pact with']
"""

# Imported on first use (PEP 562), not here: `actorgraph query` needs neither the
# analysis package (scipy) nor the page (jinja2), and importing every module
# took half of a small command's time.
from importlib import import_module as _import_module

__all__ = [
    "EXAMPLE_DATA",
    "ActorGraphError",
    "ActorNotFound",
    "DataError",
    "Dataset",
    "DateFormatError",
    "EditError",
    "EventDataError",
    "PartialDate",
    "Problem",
    "RelationNotFound",
    "VersionError",
    "WriteError",
    "add_actor",
    "add_relation",
    "add_source",
    "aggregate_events",
    "as_known",
    "as_of",
    "as_recorded",
    "balance",
    "between",
    "brokers",
    "build_graph",
    "camps",
    "centrality",
    "compute_layout",
    "diff_dates",
    "diff_versions",
    "end_relation",
    "event_candidates",
    "events",
    "explain_paths",
    "frustration",
    "import_map",
    "load",
    "load_graph",
    "neighbours",
    "new_map",
    "pair_charts",
    "parse_date",
    "paths",
    "predictions",
    "relations",
    "render_html",
    "resolve_actor",
    "show",
    "signed_ties",
    "summary",
    "supersede",
    "to_frames",
    "triangles",
    "validate",
    "write_events",
    "write_export",
    "write_html",
]

#: Where each public name lives: a module is imported the first time one of its names is used.
_WHERE = {
    "balance": "analysis",
    "brokers": "analysis",
    "camps": "analysis",
    "centrality": "analysis",
    "explain_paths": "analysis",
    "frustration": "analysis",
    "neighbours": "analysis",
    "predictions": "analysis",
    "signed_ties": "analysis",
    "triangles": "analysis",
    "build_graph": "build",
    "load_graph": "build",
    "to_frames": "build",
    "PartialDate": "dates",
    "parse_date": "dates",
    "diff_dates": "diff",
    "diff_versions": "diff",
    "add_actor": "edit",
    "add_relation": "edit",
    "add_source": "edit",
    "end_relation": "edit",
    "supersede": "edit",
    "ActorGraphError": "errors",
    "ActorNotFound": "errors",
    "DataError": "errors",
    "DateFormatError": "errors",
    "EditError": "errors",
    "EventDataError": "errors",
    "Problem": "errors",
    "RelationNotFound": "errors",
    "VersionError": "errors",
    "WriteError": "errors",
    "pair_charts": "event_charts",
    "aggregate_events": "eventdata",
    "event_candidates": "eventdata",
    "events": "eventdata",
    "write_events": "eventdata",
    "write_export": "export",
    "import_map": "importer",
    "EXAMPLE_DATA": "io",
    "Dataset": "io",
    "load": "io",
    "validate": "io",
    "compute_layout": "layout",
    "new_map": "newmap",
    "between": "query",
    "paths": "query",
    "relations": "query",
    "resolve_actor": "query",
    "summary": "query",
    "render_html": "render",
    "show": "render",
    "write_html": "render",
    "as_known": "temporal",
    "as_of": "temporal",
    "as_recorded": "temporal",
}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        if name.startswith("__"):
            raise AttributeError(msg)
        try:
            return _import_module(f".{name}", __name__)  # a module of the package: graph.temporal, graph.analysis
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise  # the module exists but needs one that is missing: say so
            raise AttributeError(msg) from None
    value = globals()[name] = getattr(_import_module(f".{module}", __name__), name)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
