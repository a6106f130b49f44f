"""Memoizing on catalog objects by identity.

A catalog's plans and claims are frozen pydantic models: equal by value, and hashing one walks
every field it holds, which costs more than most of what is worth caching about it. `Same`
keys a cache on the object itself instead. A cache that holds the key holds the object, so its
id cannot be reused by another object while the entry lives; a catalog reloaded from disk
brings new objects, and so new keys, and the old entries age out of the LRU.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Same(Generic[T]):
    """A cache key equal only to a key for the very same object."""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value
