"""Eligibility: may a partner of a type, registered in a region, offer a category (in a market)?

``catcli check`` and ``Catalog.check`` ask it. A name in no row is a usage
error with the closest names, never a "no": a script that rejects a partner
on a non-zero exit must not reject it for a typo.
"""

from catcli.model import Catalog
from catcli.query import by_name, filters, markets_of, offered_at, unknown_name
from catcli.records import Answer


def check(catalog: Catalog, name: str, type: str, region: str, market: str | None = None) -> Answer:  # noqa: A002
    """May a partner of TYPE registered in REGION offer NAME (a service or main category)?

    A NAME that is in no row raises UnknownValue: a typo is not a "no".
    """
    from catcli.errors import UnknownValue

    chosen = filters(catalog, type, region, market)
    named = by_name(catalog.services, name)
    if not named:
        message, close = unknown_name(name, catalog)
        raise UnknownValue("service", name, close, "catcli list", message=message)
    eligible = chosen.select(named)
    partner, registered = chosen.types[0], chosen.regions[0]
    target = chosen.markets[0].name if chosen.markets else None
    reason = ""
    if not eligible:
        reachable = markets_of(registered.name, catalog.services, catalog.regions)
        places = f"it is offered to {', '.join(offered_at(named, with_markets=target is not None))}"
        if target is not None and target not in reachable:
            sold_in = ", ".join(reachable) or "no market"
            reason = f"{registered.name}-registered partners sell only in {sold_in}; {places}"
        else:
            reason = places
    return Answer(
        eligible=bool(eligible),
        service=name,
        type=partner.name,
        registration_region=registered.name,
        target_market=target,
        reason=reason,
        services=tuple(eligible),
        alternatives=() if eligible else tuple(named),
    )
