"""Numeric, logical, comparison and CIDR functions of ARM templates. Pure; integer division and
remainder truncate toward zero, as .NET does."""

from __future__ import annotations

import ipaddress
from typing import Any

from .coerce import EvalError, want_bool, want_int, want_str
from .unknown import Unknown


def fn_add(a: Any, b: Any) -> int:
    return want_int(a) + want_int(b)


def fn_sub(a: Any, b: Any) -> int:
    return want_int(a) - want_int(b)


def fn_mul(a: Any, b: Any) -> int:
    result = want_int(a) * want_int(b)
    if abs(result) >= 2**63:
        raise EvalError("mul: integer overflow")
    return result


def _trunc_div(a: int, b: int) -> int:
    if b == 0:
        raise EvalError("division by zero")
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b >= 0) else -quotient


def fn_div(a: Any, b: Any) -> int:
    return _trunc_div(want_int(a), want_int(b))


def fn_mod(a: Any, b: Any) -> int:
    x, y = want_int(a), want_int(b)
    return x - y * _trunc_div(x, y)


def _numbers(args: tuple[Any, ...]) -> list[int]:
    values = list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)
    if not values:
        raise EvalError("min/max of nothing")
    if any(isinstance(v, Unknown) for v in values):
        raise EvalError("min/max of an unknown")
    return [want_int(v) for v in values]


def fn_min(*args: Any) -> int:
    return min(_numbers(args))


def fn_max(*args: Any) -> int:
    return max(_numbers(args))


def fn_int(value: Any) -> int:
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            raise EvalError(f"int: {value!r} is not an integer") from None
    if isinstance(value, float):
        return int(value)
    return want_int(value)


def fn_float(value: Any) -> float:
    if isinstance(value, bool):
        raise EvalError("float: not a number")
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(want_str(value))
    except ValueError:
        raise EvalError(f"float: {value!r} is not a number") from None


def fn_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    return want_bool(value)


def fn_not(value: Any) -> bool:
    return not want_bool(value)


def fn_compare(a: Any, b: Any) -> int:
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    x, y = want_int(a), want_int(b)
    return (x > y) - (x < y)


def fn_range(start: Any, count: Any) -> list[int]:
    begin, n = want_int(start, "startIndex"), want_int(count, "count")
    if n < 0 or n > 10_000:
        raise EvalError("range: count must be between 0 and 10000")
    return list(range(begin, begin + n))


# -- network (cidr functions) ---------------------------------------------------------------

def _network(value: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    try:
        return ipaddress.ip_network(want_str(value, "network"), strict=False)
    except ValueError as exc:
        raise EvalError(f"not a CIDR range: {exc}") from None


def fn_parse_cidr(value: Any) -> dict[str, Any]:
    net = _network(value)
    hosts = list(net.hosts()) if net.num_addresses <= 4 else [net[1], net[-2]]
    out: dict[str, Any] = {"network": str(net.network_address), "netmask": str(net.netmask), "cidr": net.prefixlen}
    if net.version == 4:
        out["broadcast"] = str(net.broadcast_address)
    if hosts:
        out["firstUsable"], out["lastUsable"] = str(hosts[0]), str(hosts[-1])
    return out


def fn_cidr_subnet(value: Any, new_prefix: Any, index: Any) -> str:
    net = _network(value)
    prefix, i = want_int(new_prefix, "newCIDR"), want_int(index, "subnetIndex")
    if prefix < net.prefixlen or prefix > net.max_prefixlen or i < 0 or i >= 2 ** (prefix - net.prefixlen):
        raise EvalError("cidrSubnet: out of range")
    size = 2 ** (net.max_prefixlen - prefix)
    first = int(net.network_address) + i * size
    return f"{ipaddress.ip_address(first)}/{prefix}"


def fn_cidr_host(value: Any, index: Any) -> str:
    net = _network(value)
    i = want_int(index, "hostIndex")
    offset = i + (1 if net.version == 4 else 0)
    if i < 0 or offset >= net.num_addresses:
        raise EvalError("cidrHost: out of range")
    return str(net[offset])
