"""Run with a live server's environment: ``python -m tests.forensic.setup <bench fixture json>`` makes a
secret poll in the bench council, names two delegates as its counting committee, makes their key shares
(their simulated tablets), opens the poll and prints {poll, key, layout, secrets} as JSON."""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from sessions_app.models import Sitting, User
    from voting import services
    from voting.models import Poll, SecretTally
    from voting.simulate import SimulatedCommittee

    fixture = json.loads(sys.argv[1])
    sec = User.objects.get(pk=fixture["secretariat"]["user"])
    sitting = Sitting.objects.select_related("session").get(pk=fixture["sitting"])
    services.poll_cancel(actor=sec, poll=Poll.objects.get(pk=fixture["poll"]))
    poll = services.poll_create(
        actor=sec,
        session=sitting.session,
        sitting=sitting,
        title="Bỏ phiếu kín kiểm thử",
        kind="dismissal",
        method="secret",
        majority_rule="gt_half_total",
    )
    members = [User.objects.get(pk=d["user"]) for d in fixture["delegates"][:2]]
    committee = SimulatedCommittee(poll).name(actor=sec, users=members).keys()
    services.poll_open(actor=sec, poll=poll)
    tally = SecretTally.objects.get(poll=poll)
    json.dump(
        {
            "poll": poll.pk,
            "key": tally.key,
            "layout": tally.layout,
            "secrets": {str(k): format(v, "x") for k, v in committee.secrets.items()},
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
