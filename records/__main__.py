"""Command line for whoever runs the app: python -m records add-trainee "Name" | list-trainees | revoke | reissue | migrate | backup | restore."""

import argparse
import getpass
import sys

from records.db import ConfigError, make_engine
from records.migrate import migrate
from records.trainees import add_trainee, list_trainees, reissue, revoke
from records.trainees import personal_link as link
from scenarios.text import escape_controls as shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m records", description="Manage the practicum database.")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-trainee", help="create a trainee and print their personal link")
    add.add_argument("name")
    commands.add_parser("list-trainees", help="list trainees (links cannot be shown again: reissue one instead)")
    for name, text in (("revoke", "stop a trainee's link from working"), ("reissue", "give a trainee a new link; the old one stops working")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("trainee_id", type=int)
    commands.add_parser("migrate", help="bring the database schema up to date (the app also does this at start)")
    sup = commands.add_parser("add-supervisor", help="create a supervisor account (asks for the password)")
    sup.add_argument("--name", required=True)
    sup.add_argument("--email", required=True)
    sup.add_argument("--password-stdin", action="store_true", help="read the password from standard input instead of asking")
    back = commands.add_parser("backup", help="copy the SQLite database to a file, safely while the app runs (PostgreSQL: use pg_dump)")
    back.add_argument("path")
    back.add_argument("--force", action="store_true", help="replace the file if it exists")
    rest = commands.add_parser("restore", help="replace all data with a backup (the current data is kept beside the database first)")
    rest.add_argument("path")
    rest.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = parser.parse_args(argv)

    if args.command in ("backup", "restore"):
        return _backup_or_restore(args)

    try:
        engine = make_engine()
        migrate(engine)
    except ConfigError as error:
        print(f"python -m records: {error}", file=sys.stderr)
        return 2

    if args.command == "add-supervisor":
        from records.supervisors import MIN_PASSWORD, add_supervisor

        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass(f"Password for {args.email} (at least {MIN_PASSWORD} characters): ")
            if getpass.getpass("Repeat it: ") != password:
                print("python -m records add-supervisor: the passwords differ; nothing was saved", file=sys.stderr)
                return 2
        try:
            supervisor = add_supervisor(engine, args.name, args.email, password)
        except ValueError as error:
            print(f"python -m records add-supervisor: {error}; nothing was saved", file=sys.stderr)
            return 2
        print(f"Supervisor {supervisor.id}: {shown(supervisor.name)} <{shown(supervisor.email)}> can now sign in.")
    elif args.command == "add-trainee":
        try:
            trainee, token = add_trainee(engine, args.name)
        except ValueError as error:
            print(f"python -m records add-trainee: {error}", file=sys.stderr)
            return 2
        print(f"Trainee {trainee.id}: {shown(trainee.name)}")
        print(f"Personal link (shown once; keep it private): {link(token)}")
    elif args.command == "list-trainees":
        for trainee, active in list_trainees(engine):
            # Stored names are shown with any control character as a visible escape (\x1b, \u202e): a name
            # stored before names were checked, or written straight into the database, cannot drive the terminal.
            print(f"{trainee.id}\t{shown(trainee.name)}\t{'active' if active else 'revoked'}")
    elif args.command == "revoke":
        revoke(engine, args.trainee_id)
        print(f"Trainee {args.trainee_id}: link revoked")
    elif args.command == "reissue":
        print(f"New personal link for trainee {args.trainee_id}: {link(reissue(engine, args.trainee_id))}")
    return 0


def _backup_or_restore(args: argparse.Namespace) -> int:
    from records.backup import BackupError, RestoreIncomplete, backup, inspect_backup, restore, sqlite_path

    try:
        live = sqlite_path()
        if args.command == "backup":
            copy = backup(None, args.path, force=args.force)
            print(f"Backed up {live} to {copy.path}: {copy.summary()}, schema {copy.revision} ({copy.milliseconds:.0f} ms).")
            return 0
        found = inspect_backup(args.path)
        print(f"{found.path}: a backup of this app (schema {found.revision}), {found.summary()}.")
        if not args.yes:
            print(f"Restoring replaces ALL data in {live} with this backup (a copy of the current data is kept beside it first).")
            try:
                answer = input("Type yes to restore: ")
            except EOFError:
                answer = ""
            if answer.strip().lower() != "yes":
                print("Not restored; nothing was changed.")
                return 1
        done = restore(args.path)
    except (BackupError, ConfigError) as error:
        unchanged = "" if isinstance(error, RestoreIncomplete) else " Nothing was changed."
        print(f"python -m records {args.command}: {error}.{unchanged}", file=sys.stderr)
        return 2
    kept = f" The previous data is in {done.safety_copy}." if done.safety_copy else ""
    print(f"Restored {args.path} into {live} (schema {done.source_revision} -> {done.copy.revision}): {done.copy.summary()}.{kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
