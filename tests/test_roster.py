"""Roster files: each row accepted or rejected with its reason; bad files get one clear message and save nothing."""

from records.roster import parse_roster


def reasons(preview):
    return [(row.line, row.name, row.reason) for row in preview.rows]


def test_rows_are_accepted_or_rejected_with_reasons():
    data = b"name,email,id\nAna Lima,ana@uni.edu,S1\n,bo@uni.edu,\nCaf\xe9 Person,c@uni.edu,\nDup,ANA@uni.edu,\nEve,not-an-email,\nOld,old@uni.edu,\n"
    preview = parse_roster(data, taken_emails={"old@uni.edu"})
    assert preview.error is None
    assert reasons(preview) == [
        (2, "Ana Lima", None),
        (3, "", "missing name"),
        (4, "Caf\ufffd Person", "bad encoding (not UTF-8): save the roster as 'CSV UTF-8'"),
        (5, "Dup", "duplicate email (already in this file or this cohort)"),
        (6, "Eve", "'not-an-email' is not an email address"),
        (7, "Old", "duplicate email (already in this file or this cohort)"),
    ]
    assert [r.email for r in preview.accepted] == ["ana@uni.edu"]


def test_excel_style_files_work():
    data = "\ufeffName;E-mail;Student ID\r\nZoë Brandt;zoe@uni.edu;42\r\n".encode()
    preview = parse_roster(data)
    assert [(r.name, r.email, r.sis_id, r.accepted) for r in preview.rows] == [("Zoë Brandt", "zoe@uni.edu", "42", True)]


def test_bad_files_save_nothing_and_say_why():
    cases = {
        b"": "empty",
        b"first,last\nA,B\n": "must have the columns name and email",
        b"\x89PNG\r\n\x1a\n\x00\x00": "not a CSV text file",
        b"name,email\n": "no trainees",
        b"name,email\n" + b"x" * (10 * 1024 * 1024): "at most 1 MB",
    }
    for data, words in cases.items():
        preview = parse_roster(data)
        assert preview.error and words in preview.error, (data[:20], preview.error)
        assert preview.accepted == []
