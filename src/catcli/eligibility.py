"""Eligibility: may a partner of a type, registered in a region, offer a category (in a market)?

``catcli check`` and ``Catalog.check`` ask it. A name in no row is a usage
error with the closest names, never a "no": a script that rejects a partner
on a non-zero exit must not reject it for a typo.
"""

from collections.abc import Sequence

from catcli.errors import UnknownValue, UsageError
from catcli.model import CatalogData
from catcli.query import by_name, listed, markets_of, offered_at, resolve, text_argument, unknown_name
from catcli.records import Answer
from catcli.text import quoted


def one(value: str | Sequence[str] | None, what: str, required: bool = True) -> str | None:
    """check asks one question: one value, or a usage error (never 'the last one wins')."""
    values = listed(value, what)
    if len(values) > 1:
        raise UsageError(
            f"{len(values)} {what}s given ({', '.join(map(quoted, values))}); check answers for one partner",
            hint=f"give one {what}, or use 'catcli list' to see several at once",
        )
    if required and not values:
        raise UsageError(
            f"check needs a {what}", hint="e.g. catcli check 'Paid Media' --type tsp --region Japan"
        )
    return values[0] if values else None


def check(
    catalog: CatalogData,
    name: str,
    type: str | Sequence[str] | None,
    region: str | Sequence[str] | None,
    market: str | Sequence[str] | None = None,
) -> Answer:
    """May a partner of TYPE registered in REGION offer NAME (a service or main category)?

    A NAME that is in no row raises UnknownValue: a typo is not a "no".
    """
    asked = (one(type, "type"), one(region, "region"), one(market, "market", required=False))
    chosen = resolve(catalog, *asked)
    named = by_name(catalog.services, text_argument(name, "SERVICE"))
    if not named:
        message, close = unknown_name(name, catalog)
        raise UnknownValue("service", name, close, "catcli list", message=message)
    eligible = chosen.apply(named)
    partner, registered = chosen.types[0], chosen.regions[0]
    target = chosen.markets[0].name if chosen.markets else None
    reason = ""
    if not eligible:
        reachable = markets_of(registered.name, catalog.services, catalog.regions)
        places = f"it is offered to {', '.join(offered_at(catalog, named, with_markets=target is not None))}"
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
