"""python -m scoring: the offline judge of typed responses, from the command line.

  judge-text SCENARIO_ID STEP_ID < response.txt     the judgement as JSON
  evaluate-text FILE.jsonl                          agreement with people's labels (kappa, confusion matrices)
"""

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from scenarios.load import load_library
from scenarios.model import Scenario, Step
from scenarios.parts import PartKey


def _step(scenario_id: str, step_id: str) -> tuple[Step, str, list[Scenario]]:
    library = load_library()
    entry = library.entries.get(scenario_id)
    if entry is None:
        raise SystemExit(f"no scenario '{scenario_id}' in the library; `python -m scenarios check` lists what loads")
    step = next((s for s in entry.scenario.steps if s.id == step_id), None)
    if step is None:
        ids = ", ".join(s.id for s in entry.scenario.steps)
        raise SystemExit(f"scenario '{scenario_id}' has no step '{step_id}'; its steps: {ids}")
    return step, f"{scenario_id}/{step_id}/{entry.content_hash}", library.scenarios


def judge_text_command(args: argparse.Namespace) -> int:
    from scoring.text_judge import background_of, e5_embedder, judge_text

    step, key, scenarios = _step(args.scenario, args.step)
    embed = e5_embedder()
    background = background_of(scenarios, embed).without(args.scenario)
    judgement = judge_text(sys.stdin.read(), step, embed, step_key=key, background=background)
    print(json.dumps(judgement.as_json(), ensure_ascii=False, indent=2))
    return 0


def evaluate_text_command(args: argparse.Namespace) -> int:
    from scoring.text_agreement import LabelError, agreement, read_labelled
    from scoring.text_judge import background_of, e5_embedder, judge_text

    try:
        people = read_labelled(Path(args.file))
    except (LabelError, OSError) as error:
        print(error, file=sys.stderr)
        return 2
    library = load_library()
    embed = e5_embedder()
    machine: list[tuple[str | None, Mapping[PartKey, str]]] = []
    for row in people:
        entry = library.entries.get(row.scenario)
        step = next((s for s in entry.scenario.steps if s.id == row.step), None) if entry else None
        if entry is None or step is None:
            print(f"{args.file}:{row.line}: no step '{row.scenario}/{row.step}' in the library", file=sys.stderr)
            return 2
        background = background_of(library.scenarios, embed).without(row.scenario)
        judged = judge_text(row.text, step, embed, step_key=f"{row.scenario}/{row.step}/{entry.content_hash}", background=background)
        machine.append((judged.rating, dict(judged.parts)))
    print(json.dumps(agreement(people, machine).as_json(), indent=2))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    judge = commands.add_parser("judge-text", help="judge a typed response (read from stdin) at a step; prints JSON")
    judge.add_argument("scenario")
    judge.add_argument("step")
    judge.set_defaults(run=judge_text_command)
    evaluate = commands.add_parser("evaluate-text", help="agreement of the judge with labelled responses (JSON lines)")
    evaluate.add_argument("file")
    evaluate.set_defaults(run=evaluate_text_command)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
