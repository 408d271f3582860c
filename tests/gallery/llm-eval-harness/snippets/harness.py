"""A tiny eval harness: run every case, grade it twice, report."""
from __future__ import annotations

import asyncio
import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from tiny_evals import Assistant, Grader, Verdict


@dataclass
class Case:
    id: str
    question: str
    expected: str
    must_refuse: bool = False


def load_cases(path: Path) -> list[Case]:
    return [Case(**json.loads(line)) for line in path.read_text().splitlines()]


async def run_case(bot: Assistant, graders: list[Grader], case: Case) -> dict:
    answer = await bot.ask(case.question)
    grades = await asyncio.gather(*(g.grade(case, answer) for g in graders))
    agree = len({g.verdict for g in grades}) == 1
    verdict = grades[0].verdict if agree else Verdict.NEEDS_HUMAN
    return {"id": case.id, "verdict": verdict.value,
            "latency": answer.latency, "cost": answer.cost,
            "faithful": all(g.faithful for g in grades)}


async def main(path: Path) -> None:
    bot, graders = Assistant.from_env(), [Grader("a"), Grader("b")]
    cases = load_cases(path)
    results = await asyncio.gather(*(run_case(bot, graders, c) for c in cases))
    correct = sum(r["verdict"] == "correct" for r in results) / len(results)
    print(f"correct    {correct:6.1%}")
    print(f"latency    {statistics.median(r['latency'] for r in results):6.2f} s")
    print(f"cost/1k    ${1000 * statistics.mean(r['cost'] for r in results):6.2f}")


if __name__ == "__main__":
    asyncio.run(main(Path("cases.jsonl")))
