"""Provides the consistency checks run after each item passed its schema.

Ids unique, references resolved, every condition and amount compiled against
the names the scenario declares, and the lints that catch what can never
happen: a rule listening for a fact nothing emits, a flag nothing sets, an
ending that a fallback above it hides, a card that could leave a player stuck.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from game.content.loader import Draft, Where, read_draft
from game.content.problems import Problem
from game.model.condition import ConditionError, T, Var, compile_amount, compile_condition, decide
from game.model.names import declared_names
from game.model.scenario import (
    ENGINE_FACTS,
    Appeal,
    Calendar,
    Card,
    Ending,
    Gate,
    Meta,
    Outcome,
    Persona,
    Prompt,
    Rule,
    Scenario,
    Score,
    Source,
)


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


class _Checker:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.problems: list[Problem] = []
        # Each section's items, read through their own models below (every item has an `id`).
        self.items = cast(dict[str, list[tuple[Any, Where]]], draft.lists)
        self.ids: dict[str, set[str]] = {name: {item.id for item, _ in items} for name, items in self.items.items()}
        self.emitted: set[str] = set(ENGINE_FACTS)
        self.flags_set: set[str] = set()
        self.flags_read: dict[str, tuple[Where, tuple[str | int, ...]]] = {}
        # Where outcomes emit facts: each is the start of a cascade of rules (see `cascades`).
        self.cascade_roots: list[tuple[Where, tuple[str | int, ...], tuple[str, ...]]] = []
        # What a scenario may do but an author should look at twice (see `loops`): `validate` prints them.
        self.warnings: list[Problem] = []
        # A partial scenario good enough to build the name table.
        self.names: dict[str, Var] = declared_names(
            cast(Scenario, _Partial(draft))
        )
        # Items refused by their schema still exist: naming them is not a second problem,
        # and the lints that need the whole scenario wait until every item passed.
        self.broken = draft.broken
        self.whole = draft.complete
        for section, var in (("stats", Var(T.num, "stat")), ("scores", Var(T.num, "score")), ("flags", Var(T.bool, "flag"))):
            for broken_id in sorted(draft.broken.get(section, ())):
                self.names.setdefault(broken_id, var)

    def add(self, where: Where, message: str, *sub: str | int, key: bool = False, offset: int = 0) -> None:
        self.problems.append(where.problem(message, *sub, key=key, offset=offset))

    # ------------------------------------------------------------- ids and names

    def unique_ids(self) -> None:
        for section, items in self.items.items():
            seen: dict[str, Where] = {}
            for item, where in items:
                if item.id in seen:
                    first = seen[item.id]
                    self.add(where, f"duplicate {section[:-1]} id `{item.id}` (first at {first.file}:{first.at('id')[1]})", "id")
                else:
                    seen[item.id] = where
        # Prompts name cards, rules, gates and endings by id, so those must not share ids.
        owner: dict[str, str] = {}
        for section in ("cards", "rules", "gates", "endings"):
            for item, where in self.items[section]:
                if item.id in owner and owner[item.id] != section:
                    self.add(where, f"id `{item.id}` is also a {owner[item.id][:-1]}; prompts need ids unique across cards, rules, gates and endings", "id")
                owner.setdefault(item.id, section)
        # Names visible to conditions must not collide.
        kinds: dict[str, str] = {"day": "built-in", "days": "built-in", "persona": "built-in", "record": "built-in"}
        for section, what in (("stats", "stat"), ("scores", "score"), ("flags", "flag"), ("attributes", "attribute")):
            for item, where in self.items[section]:
                names = [item.id] + ([f"{item.id}_tier"] if section == "scores" else [])
                for name in names:
                    if name in kinds:
                        self.add(where, f"the name `{name}` is already used by a {kinds[name]}; conditions could not tell them apart", "id")
                    kinds.setdefault(name, what)

    def ref(self, where: Where, section: str, value: str, *sub: str | int, key: bool = False, what: str | None = None) -> bool:
        if value in self.ids[section]:
            return True
        if value in self.broken.get(section, ()):
            return False
        what = what or section[:-1]
        self.add(where, f"unknown {what} `{value}`{_suggest(value, self.ids[section])}", *sub, key=key)
        return False

    # ---------------------------------------------------------- expressions

    def condition(self, where: Where, text: str | None, *sub: str | int) -> None:
        if text is None:
            return
        try:
            compiled = compile_condition(text, self.names, T.bool)
        except ConditionError as exc:
            self.add(where, f"condition `{_short(text)}`: {exc.message}", *sub, offset=_col_offset(where, sub, text, exc.offset))
            return
        for name in compiled.names:
            if self.names[name].what == "flag":
                self.flags_read.setdefault(name, (where, sub))

    def amount(self, where: Where, value: Any, *sub: str | int) -> None:
        try:
            compiled = compile_amount(value, self.names)
        except ConditionError as exc:
            offset = _col_offset(where, sub, value, exc.offset) if isinstance(value, str) else 0
            self.add(where, f"amount `{_short(str(value))}`: {exc.message}", *sub, offset=offset)
            return
        for name in getattr(compiled, "names", ()):
            if self.names[name].what == "flag":
                self.flags_read.setdefault(name, (where, sub))

    def stat_map(self, where: Where, values: dict[str, Any], *sub: str | int) -> None:
        for stat, amount in values.items():
            if self.ref(where, "stats", stat, *sub, stat, key=True, what="stat"):
                self.amount(where, amount, *sub, stat)

    def outcome(self, where: Where, outcome: Outcome | None, *sub: str | int) -> None:
        if outcome is None:
            return
        self.variants(where, outcome.variants, *sub, "variants")
        self.stat_map(where, outcome.stats, *sub, "stats")
        for field in ("set", "clear"):
            for i, flag in enumerate(getattr(outcome, field)):
                if self.ref(where, "flags", flag, *sub, field, i, what="flag") and field == "set":
                    self.flags_set.add(flag)
        self.emitted.update(outcome.facts)
        if outcome.facts:
            self.cascade_roots.append((where, (*sub, "facts"), tuple(outcome.facts)))

    # ---------------------------------------------------------------- sections

    def scores_and_sources(self) -> None:
        for score, where in cast(list[tuple[Score, Where]], self.items["scores"]):
            self.ref(where, "sources", score.keeper, "keeper", what="source (keeper)")
        for source, where in cast(list[tuple[Source, Where]], self.items["sources"]):
            for i, other in enumerate(source.shares_with):
                self.ref(where, "sources", other, "shares_with", i, what="source")

    def personas(self) -> None:
        attr_defaults = {a.id: a.default for a, _ in self.items["attributes"]}
        stats = {s.id: s for s, _ in self.items["stats"]}
        scores = {s.id: s for s, _ in self.items["scores"]}
        for persona, where in cast(list[tuple[Persona, Where]], self.items["personas"]):
            seen: set[str] = set()
            for i, goal in enumerate(persona.goals):
                if goal.id in seen:
                    self.add(where, f"duplicate goal id `{goal.id}`", "goals", i, "id")
                seen.add(goal.id)
                self.condition(where, goal.when, "goals", i, "when")
                self.variants(where, goal.progress_variants, "goals", i, "progress_variants")
                if goal.progress_variants and goal.progress is None:
                    self.add(where, "a goal with `progress_variants` needs a `progress` (the words when none "
                                    "holds)", "goals", i, "progress")
            for stat, weight in persona.cares.items():
                self.ref(where, "stats", stat, "cares", stat, key=True, what="stat")
                del weight
            for stat, value in persona.stats.items():
                if self.ref(where, "stats", stat, "stats", stat, key=True, what="stat"):
                    s = stats[stat]
                    if not s.min <= value <= s.max:
                        self.add(where, f"starting {stat} {value} is outside {s.min}..{s.max}", "stats", stat)
            for score_id, value in persona.scores.items():
                if self.ref(where, "scores", score_id, "scores", score_id, key=True, what="score"):
                    sc = scores[score_id]
                    if not sc.min <= value <= sc.max:
                        self.add(where, f"starting {score_id} {value} is outside {sc.min}..{sc.max}", "scores", score_id)
            for attr, given in persona.attributes.items():
                if self.ref(where, "attributes", attr, "attributes", attr, key=True, what="attribute"):
                    default = attr_defaults[attr]
                    if type(given) is not type(default):
                        self.add(where, f"attribute `{attr}` is {type(default).__name__} (default {default!r}), not {given!r}", "attributes", attr)
            for i, flag in enumerate(persona.flags):
                if self.ref(where, "flags", flag, "flags", i, what="flag"):
                    self.flags_set.add(flag)
            for i, gate in enumerate(persona.gates):
                self.ref(where, "gates", gate, "gates", i, what="gate")
            for i, routine in enumerate(persona.routines):
                self.condition(where, routine.when, "routines", i, "when")
                self.outcome(where, routine.outcome, "routines", i, "outcome")

    def cards(self) -> None:
        for card, where in cast(list[tuple[Card, Where]], self.items["cards"]):
            self.condition(where, card.when, "when")
            self.variants(where, card.variants, "variants")
            if card.limit is not None:
                try:
                    compile_amount(card.limit, getattr(self, "season_names", {"days": Var(T.num, "days")}))
                except ConditionError as exc:
                    self.add(where, f"limit: {exc.message} (it may use only `days` and the moments)", "limit")
            for i, persona in enumerate(card.personas):
                self.ref(where, "personas", persona, "personas", i, what="persona")
            self.outcome(where, card.ignored, "ignored")
            seen: set[str] = set()
            always_open = False
            for i, choice in enumerate(card.choices):
                if choice.id in seen:
                    self.add(where, f"duplicate choice id `{choice.id}` on card `{card.id}`", "choices", i, "id")
                seen.add(choice.id)
                self.condition(where, choice.requires, "choices", i, "requires")
                self.variants(where, choice.variants, "choices", i, "variants")
                self.stat_map(where, choice.cost, "choices", i, "cost")
                self.outcome(where, choice.outcome, "choices", i, "outcome")
                if choice.check is not None:
                    self.amount(where, choice.check.modifier, "choices", i, "check", "modifier")
                    self.amount(where, choice.check.target, "choices", i, "check", "target")
                    self.outcome(where, choice.check.success, "choices", i, "check", "success")
                    self.outcome(where, choice.check.failure, "choices", i, "check", "failure")
                if choice.requires is None and not choice.cost:
                    always_open = True
            if not always_open:
                self.add(where, f"card `{card.id}`: every choice has a cost or a `requires`; add one that is always open so a player is never stuck", "choices")

    def rules(self) -> None:
        for rule, where in cast(list[tuple[Rule, Where]], self.items["rules"]):
            self.ref(where, "sources", rule.source, "source", what="source")
            self.condition(where, rule.when, "when")
            self.condition(where, rule.wrong_when, "wrong_when")
            for score, amount in rule.scores.items():
                if self.ref(where, "scores", score, "scores", score, key=True, what="score"):
                    self.amount(where, amount, "scores", score)
            for i, score in enumerate(rule.withheld):
                if score not in rule.scores:
                    self.add(where, f"`withheld` names `{score}`, but the rule changes no such score "
                                    f"(its scores: {', '.join(f'`{s}`' for s in rule.scores) or 'none'})", "withheld", i)
            self.stat_map(where, rule.stats, "stats")
            for field in ("set", "clear"):
                for i, flag in enumerate(getattr(rule, field)):
                    if self.ref(where, "flags", flag, field, i, what="flag") and field == "set":
                        self.flags_set.add(flag)
            for gate in rule.gates:
                self.ref(where, "gates", gate, "gates", gate, key=True, what="gate")
            self.emitted.update(rule.facts)

    def gates(self) -> None:
        scores = {s.id: s for s, _ in self.items["scores"]}
        for gate, where in cast(list[tuple[Gate, Where]], self.items["gates"]):
            self.condition(where, gate.shown_when, "shown_when")
            self.variants(where, gate.refusal_variants, "refusal_variants")
            self.variants(where, gate.description_variants, "description_variants")
            self.stat_map(where, gate.cost, "cost")
            for i, req in enumerate(gate.requires):
                if req.score is not None and self.ref(where, "scores", req.score, "requires", i, "score", what="score"):
                    tiers = [t.id for t in scores[req.score].tiers]
                    if req.tier_at_least not in tiers:
                        self.add(where, f"score `{req.score}` has no tier `{req.tier_at_least}`; its tiers are {', '.join(tiers)}", "requires", i, "tier_at_least")
                self.condition(where, req.when, "requires", i, "when")
            self.outcome(where, gate.on_open, "on_open")
            self.outcome(where, gate.on_refused, "on_refused")

    def singles(self) -> None:
        meta = self.draft.singles.get("scenario")
        if meta is not None:
            m, where = cast(tuple[Meta, Where], meta)
            if m.default_persona is not None:
                self.ref(where, "personas", m.default_persona, "default_persona", what="persona")
        cal = self.draft.singles.get("calendar")
        if cal is not None:
            c, where = cast(tuple[Calendar, Where], cal)
            for i, routine in enumerate(c.routines):
                self.condition(where, routine.when, "routines", i, "when")
                self.outcome(where, routine.outcome, "routines", i, "outcome")
            self.outcome(where, c.rest, "rest")
            self.season_calendar(where, c)
        appeal = self.draft.singles.get("appeal")
        if appeal is not None:
            a, where = cast(tuple[Appeal, Where], appeal)
            self.stat_map(where, a.cost, "cost")
            self.condition(where, a.when, "when")
            self.condition(where, a.wins_when, "wins_when")
            self.outcome(where, a.won, "won")
            self.outcome(where, a.lost, "lost")
            seen_evidence: set[str] = set()
            for i, ev in enumerate(a.evidence):
                if ev.id in seen_evidence:
                    self.add(where, f"duplicate evidence id `{ev.id}`", "evidence", i, "id")
                seen_evidence.add(ev.id)
                self.condition(where, ev.when, "evidence", i, "when")
                kinds = self.names["record"].values or frozenset()
                for j, kind in enumerate(ev.records):
                    if kind not in kinds:
                        self.add(where, f"unknown record kind `{kind}`{_suggest(kind, kinds)}", "evidence", i, "records", j)
        if meta is not None:
            m, where = cast(tuple[Meta, Where], meta)
            self.variants(where, m.intro_variants, "intro_variants")

    def variants(self, where: Where, variants: list[Any], *sub: str | int) -> None:
        for i, variant in enumerate(variants):
            self.condition(where, variant.when, *sub, i, "when")

    def season_calendar(self, where: Where, c: Calendar) -> None:
        """Moments and the card limit are read before the season starts: they may use only `days`."""
        from game.model.names import SEASON_NAMES

        season_names = dict(SEASON_NAMES)
        for name, value in c.moments.items():
            taken = [section[:-1] for section in ("stats", "scores", "flags", "attributes") if name in self.ids[section]]
            if name in ("day", "days", "persona", "record") or taken:
                what = taken[0] if taken else "built-in name"
                self.add(where, f"the moment `{name}` has the name of a {what}; conditions could not tell them apart", "moments", name, key=True)
            try:
                compile_amount(value, season_names)
            except ConditionError as exc:
                self.add(where, f"moment `{name}`: {exc.message} (a moment may use only `days` and the moments above it)", "moments", name)
            season_names[name] = self.names.get(name, SEASON_NAMES["days"])
        if c.card_limit is not None:
            try:
                compile_amount(c.card_limit, season_names)
            except ConditionError as exc:
                self.add(where, f"card_limit: {exc.message} (it may use only `days` and the moments)", "card_limit")
        self.season_names = season_names

    def endings(self) -> None:
        everyone = self.ids["personas"]
        fallback: Where | None = None
        # For each persona, the first ending that catches them whatever happens (no `when`).
        caught: dict[str, Where] = {}
        for ending, where in cast(list[tuple[Ending, Where]], self.items["endings"]):
            self.condition(where, ending.when, "when")
            self.variants(where, ending.variants, "variants")
            for i, persona in enumerate(ending.personas):
                self.ref(where, "personas", persona, "personas", i, what="persona")
            whom = set(ending.personas) & everyone if ending.personas else set(everyone)
            if whom and self.whole and all(p in caught for p in whom):
                first = caught[sorted(whom)[0]]
                self.add(where, f"ending `{ending.id}` can never be reached: the ending at "
                                f"{first.file}:{first.at()[1]} has no `when` and comes first", "id")
            if ending.when is None:
                for p in whom:
                    caught.setdefault(p, where)
                if not ending.personas and fallback is None:
                    fallback = where
        if self.items["endings"] and fallback is None and self.whole:
            _, where = self.items["endings"][-1]
            self.add(where, "no fallback ending: give the last ending no `when` and no `personas`, so every season ends somewhere")

    def prompts(self) -> None:
        known = self.ids["cards"] | self.ids["rules"] | self.ids["gates"] | self.ids["endings"]
        known |= set().union(*(self.broken.get(s, set()) for s in ("cards", "rules", "gates", "endings")))
        for prompt, where in cast(list[tuple[Prompt, Where]], self.items["prompts"]):
            for i, item in enumerate(prompt.raised_by):
                if item not in known:
                    self.add(where, f"prompt raised by unknown card, rule, gate or ending `{item}`{_suggest(item, known)}", "raised_by", i)

    def reachability(self) -> None:
        if not self.whole:
            return
        for rule, where in cast(list[tuple[Rule, Where]], self.items["rules"]):
            missing = [fact for fact in rule.on if fact not in self.emitted]
            if rule.on and len(missing) == len(rule.on):
                self.add(where, f"rule `{rule.id}` can never fire: nothing emits {', '.join(f'`{f}`' for f in missing)}{_suggest(missing[0], self.emitted)}", "on")
        for flag, (where, sub) in sorted(self.flags_read.items()):
            if flag not in self.flags_set:
                self.add(where, f"flag `{flag}` is never set by a persona, outcome or rule, so this is always false", *sub)

    def cascades(self) -> None:
        """Refuse a rulebook in which one cascade could go past the engine's `MAX_CASCADE` firings.

        Counted as the engine would fire, with every `when` taken to hold: each rule listening for a
        fact fires once per emission, and an undelayed rule's facts go one level deeper, to `MAX_CHAIN`.
        Fan-out × depth, worked out per (fact, level), so it costs no more than the rulebook is long.
        """
        from game.engine.turn import MAX_CASCADE, MAX_CHAIN

        rules = cast(list[tuple[Rule, Where]], self.items["rules"])
        lag = {src.id: src.lag for src, _ in self.items["sources"]}
        listeners: dict[str, list[Rule]] = {}
        for rule, _ in rules:
            for fact in rule.on:
                listeners.setdefault(fact, []).append(rule)
        memo: dict[tuple[str, int], int] = {}

        def firings(fact: str, level: int) -> int:
            """The most rule firings one emission of `fact` at `level` can set off."""
            if level > MAX_CHAIN:
                return 0
            key = (fact, level)
            if key not in memo:
                memo[key] = 0  # a fact is only reached again one level deeper, so this is never read early
                memo[key] = sum(1 + (0 if rule.delay or lag.get(rule.source, 0) else
                                     sum(firings(f, level + 1) for f in rule.facts)) for rule in listeners.get(fact, ()))
            return memo[key]

        def shape(fact: str) -> str:
            """How the cascade from `fact` grows: the most new facts one step makes, and how deep it goes."""
            seen, frontier, levels, widest = {fact}, [fact], 0, 0
            for _ in range(MAX_CHAIN + 1):
                if not frontier:
                    break
                levels += 1
                nxt: list[str] = []
                for f in frontier:
                    made = [g for rule in listeners.get(f, ()) for g in rule.facts]
                    widest = max(widest, len(made))
                    nxt.extend(g for g in dict.fromkeys(made) if g not in seen or g == f)
                    seen.update(made)
                frontier = nxt
            return f"up to {widest} new fact{'s' if widest != 1 else ''} from each step, {levels} levels deep"

        advice = "emit fewer facts, have fewer rules listen for them, or end the chain sooner"
        told: set[str] = set()
        roots: list[tuple[Where | None, tuple[str | int, ...], tuple[str, ...]]] = list(self.cascade_roots)
        roots += [(None, (), (fact,)) for fact in ENGINE_FACTS]  # the engine's own facts start cascades too
        for where, sub, facts in roots:
            total = sum(firings(f, 0) for f in facts)
            if total <= MAX_CASCADE:
                continue
            worst = max(facts, key=lambda f: firings(f, 0))
            if firings(worst, 0) > MAX_CASCADE:
                if worst in told:
                    continue
                told.add(worst)
                first = listeners[worst][0]
                at = next(w for r, w in rules if r is first)
                self.add(at, f"the fact `{worst}` can set off up to {firings(worst, 0):,} rule firings in one cascade "
                             f"({shape(worst)}); the engine stops a cascade at {MAX_CASCADE:,}: {advice}",
                         "on", first.on.index(worst))
            elif where is not None:
                self.add(where, f"these facts together can set off up to {total:,} rule firings in one cascade; "
                                f"the engine stops a cascade at {MAX_CASCADE:,}: {advice}", *sub)
        # A rule fired at the end of the day (no `on`), or one landing after its delay, starts its own cascade.
        for rule, where in rules:
            delayed = bool(rule.delay or lag.get(rule.source, 0))
            if rule.on and not delayed:
                continue
            total = (0 if rule.on else 1) + sum(firings(f, 1) for f in rule.facts)
            if total > MAX_CASCADE and not any(f in told for f in rule.facts):
                self.add(where, f"rule `{rule.id}`'s facts can set off up to {total:,} rule firings in one cascade; "
                                f"the engine stops a cascade at {MAX_CASCADE:,}: {advice}", "facts")

    def loops(self) -> None:
        """Warn of rules that set each other off through facts, round and round: a loop.

        A rule that is `once` breaks a loop (it fires one time at most); a `when` may too, but only
        play can tell, so a loop through rules with conditions is still worth a look. Without a delay
        the engine cuts such a chain after `MAX_CHAIN` steps; with one, it goes on all season.
        """
        from game.engine.turn import MAX_CHAIN

        if not self.whole:
            return
        rules = [(r, w) for r, w in cast(list[tuple[Rule, Where]], self.items["rules"]) if not r.once]
        lag = {src.id: src.lag for src, _ in self.items["sources"]}
        listeners: dict[str, list[str]] = {}
        for r, _ in rules:
            for fact in r.on:
                listeners.setdefault(fact, []).append(r.id)
        by_id = {r.id: (r, w) for r, w in rules}
        nexts = {r.id: [(fact, other) for fact in dict.fromkeys(r.facts) for other in listeners.get(fact, ())]
                 for r, _ in rules}

        def path_back(start: str) -> list[tuple[str, str]] | None:
            """The shortest loop from `start` back to itself: (rule, the fact it emits) for each step."""
            seen = {start}
            frontier: list[tuple[str, list[tuple[str, str]]]] = [(start, [])]
            while frontier:
                nxt: list[tuple[str, list[tuple[str, str]]]] = []
                for rid, path in frontier:
                    for fact, other in nexts[rid]:
                        step = [*path, (rid, fact)]
                        if other == start:
                            return step
                        if other not in seen:
                            seen.add(other)
                            nxt.append((other, step))
                frontier = nxt
            return None

        told: set[str] = set()
        for rule, where in rules:
            if rule.id in told:
                continue
            loop = path_back(rule.id)
            if loop is None:
                continue
            told.update(rid for rid, _ in loop)
            chain = " → ".join(f"`{rid}` (fact `{fact}`)" for rid, fact in loop) + f" → `{rule.id}`"
            delayed = [rid for rid, _ in loop if by_id[rid][0].delay or lag.get(by_id[rid][0].source, 0)]
            if delayed:
                what = ("once set off it fires again after each delay for the rest of the season"
                        f" (`{delayed[0]}` waits)")
            else:
                what = f"once set off the engine cuts the chain after {MAX_CHAIN + 1} rules in a row"
            who = "sets itself off" if len(loop) == 1 else "and other rules set each other off"
            self.warnings.append(where.problem(
                f"rule `{rule.id}` {who} in a loop: {chain}; {what}, unless a `when` stops it — "
                f"make one of them `once`, or end the chain", "facts", rule.facts.index(loop[0][1])))

    def never_land(self) -> None:
        """Warn of a rule's score change that can never land: its source does not share with the keeper.

        The engine withholds such a change every time (the ledger keeps it as data that never arrived).
        A city that means it lists the score in the rule's `withheld`; listing one that does land is a problem.
        """
        if not self.whole:
            return
        reach = {src.id: {src.id, *src.shares_with} for src, _ in cast(list[tuple[Source, Where]], self.items["sources"])}
        keepers = {score.id: score.keeper for score, _ in cast(list[tuple[Score, Where]], self.items["scores"])}
        for rule, where in cast(list[tuple[Rule, Where]], self.items["rules"]):
            for score in rule.scores:
                keeper = keepers.get(score)
                if keeper is None or rule.source not in reach:
                    continue  # an unknown score or source is a problem already
                lands = keeper in reach[rule.source]
                if score in rule.withheld and lands:
                    self.add(where, f"`withheld` says the change to `{score}` never lands, but `{rule.source}` "
                                    f"{'keeps it' if keeper == rule.source else f'shares with its keeper `{keeper}`'}, "
                                    f"so it always lands: drop it from `withheld`", "withheld", rule.withheld.index(score))
                elif not lands and score not in rule.withheld:
                    self.warnings.append(where.problem(
                        f"rule `{rule.id}`'s change to `{score}` can never land: its source `{rule.source}` does "
                        f"not share with `{keeper}`, which keeps `{score}`, so the change is always withheld — add "
                        f"`{keeper}` to `{rule.source}`'s `shares_with`, or list `{score}` in the rule's `withheld` "
                        f"if that is the point", "scores", score, key=True))

    def never_open(self) -> None:
        """Warn of a gate that can never open: for every persona, one of its conditions can never hold.

        Worked out from what a persona fixes (its id and attributes) and from each tier asked for: a
        condition that also reads the day, a stat or a score counts as one that may hold. A rule that
        opens the gate opens it whatever it requires.
        """
        if not self.whole:
            return
        scores = {s.id: s for s, _ in cast(list[tuple[Score, Where]], self.items["scores"])}
        defaults = {a.id: a.default for a, _ in self.items["attributes"]}
        personas = cast(list[tuple[Persona, Where]], self.items["personas"])
        opened = {gate for rule, _ in cast(list[tuple[Rule, Where]], self.items["rules"])
                  for gate, action in rule.gates.items() if action.value == "open"}
        for gate, where in cast(list[tuple[Gate, Where]], self.items["gates"]):
            unreachable = []  # a tier above the highest the score can reach
            for i, req in enumerate(gate.requires):
                score = scores.get(req.score) if req.score is not None else None
                tier = next((t for t in score.tiers if t.id == req.tier_at_least), None) if score else None
                if score is not None and tier is not None:  # an unknown one is a problem already
                    if tier.min > score.max:
                        unreachable.append((f"tier {tier.id} of `{req.score}` starts at {tier.min:,}, above its "
                                            f"highest, {score.max:,}", ("requires", i, "tier_at_least")))
            conditions: list[tuple[str, tuple[str | int, ...]]] = []
            if gate.shown_when is not None:
                conditions.append((gate.shown_when, ("shown_when",)))
            if gate.id not in opened:
                conditions += [(req.when, ("requires", i, "when")) for i, req in enumerate(gate.requires)
                               if req.when is not None]
                if unreachable:
                    self.warnings.append(where.problem(f"gate `{gate.id}` can never open: {unreachable[0][0]}",
                                                       *unreachable[0][1]))
                    continue
            failing: dict[str, tuple[str, tuple[str | int, ...]]] = {}
            for persona, _ in personas:
                known: dict[str, Any] = {"persona": persona.id, **defaults, **persona.attributes}
                for text, sub in conditions:
                    if decide(text, self.names, known) is False:
                        failing[persona.id] = (text, sub)
                        break
            if not personas or len(failing) < len(personas):
                continue
            what = "opened" if gate.id in opened else "passed"
            texts = {text for text, _ in failing.values()}
            first_text, first_sub = failing[personas[0][0].id]
            if len(texts) == 1:
                why = f"`{_short(first_text)}` is false for every persona"
            else:
                why = "for every persona a condition is false: " + "; ".join(
                    f"{pid}: `{_short(text)}`" for pid, (text, _) in failing.items())
            self.warnings.append(where.problem(
                f"gate `{gate.id}` can never be {what}: {why} (each persona's id and attributes decide it)", *first_sub))

    def run(self) -> list[Problem]:
        self.unique_ids()
        self.scores_and_sources()
        self.singles()
        self.personas()
        self.cards()
        self.rules()
        self.gates()
        self.endings()
        self.prompts()
        self.reachability()
        self.cascades()
        self.loops()
        self.never_land()
        self.never_open()
        return self.problems


class _Partial:
    """Just enough of a Scenario, from a draft, to build the table of names."""

    def __init__(self, draft: Draft) -> None:
        for name, items in draft.lists.items():
            setattr(self, name, [item for item, _ in items])
        calendar = draft.singles.get("calendar")
        self.calendar = calendar[0] if calendar is not None else None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _col_offset(where: Where, sub: tuple[str | int, ...], text: str, offset: int) -> int:
    """Shift the column to the spot inside a one-line condition where the problem is."""
    style = where.doc.styles.get((*where.path, *sub))
    if "\n" in text or not offset or style in ("|", ">"):
        return 0
    return offset + (1 if style in ('"', "'") else 0)


def check_draft(draft: Draft) -> list[Problem]:
    """Run every consistency check over the items that passed their schema."""
    return _Checker(draft).run()


def scenario_warnings(path: Path) -> list[Problem]:
    """What `validate` warns of in a scenario without problems (rules in a loop); nothing for one with problems."""
    draft, problems = read_draft(path)
    if problems:
        return []
    checker = _Checker(draft)
    if checker.run():
        return []
    return sorted(set(checker.warnings), key=lambda p: (p.file, p.line, p.col, p.message))
