"""The demo contests, deterministic, shaped like the seed report.

- Quận ủy Thanh Xuân's 2022 contest, finished: judged in two rounds, prizes given.
  It is the "earlier year" that new entries are checked against.
- Quận ủy Thanh Xuân's 2023 contest, receiving entries from the district's
  grassroots organisations (authors aged 20 to 95) and, once their judging is done,
  the best entries of the ward contests below it.
- Đảng ủy phường Khương Mai's 2023 contest: the preliminary round is over, the
  final round is being judged by judge1–judge3 (judge2 has finished, judge3 is half
  way, judge1 has not started), so there is work to do in the browser. Two of its
  entries are a planted near-duplicate pair, and one is largely copied from a 2022
  district entry.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from tongket.contests import demo_texts
from tongket.contests.dedup import Fingerprinter
from tongket.contests.intake import (
    CODE_ALPHABET,
    CODE_LENGTH,
    AuthorInput,
    EntryInput,
    store_entry,
)
from tongket.contests.judging import assign_automatically, weighted_total
from tongket.contests.models import (
    Assignment,
    Contest,
    Criterion,
    Entry,
    EntryEvent,
    EventKind,
    PrizeRank,
    Round,
    Score,
)
from tongket.contests.results import advance, award_prize, compute_results
from tongket.contests.setup import CriterionSpec, RoundSpec, create_contest, set_jury
from tongket.org.models import Unit, UnitKind

DISTRICT = "HN-THANHXUAN"
WARD = "HN-THANHXUAN-KHUONGMAI"
JUDGES = ("judge1", "judge2", "judge3")
# How each judge scores: (severity in points, spread, noise). judge1 is strict,
# judge2 generous and narrow, judge3 uses the whole scale.
HABITS = {"judge1": (-6.0, 0.9, 3.0), "judge2": (5.0, 0.6, 2.5), "judge3": (0.0, 1.4, 4.0)}
RUBRIC = [
    CriterionSpec("Nội dung, tư tưởng", Decimal(40)),
    CriterionSpec("Tính thuyết phục, lập luận", Decimal(30)),
    CriterionSpec("Tính sáng tạo, thực tiễn", Decimal(20)),
    CriterionSpec("Hình thức trình bày", Decimal(10)),
]
RULES = (
    "Bài dự thi viết bằng tiếng Việt, dài không quá 3.000 từ, chưa đăng trên báo chí.\n"
    "Mỗi tác giả hoặc nhóm tác giả được gửi nhiều bài. Bài gửi kèm phiếu ghi họ tên, "
    "năm sinh và đơn vị của tác giả; ban giám khảo chấm bài theo mã số."
)


@transaction.atomic
def seed_contests(
    units: dict[str, Unit],
    users: dict[str, User],
    *,
    district_entries: int = 700,
    earlier_entries: int = 120,
) -> None:
    """Create the three contests; the district contests are smaller in tests."""
    seeder = _Seeder(units, users, random.Random(35))
    earlier = seeder.district_contest(2022, entries=earlier_entries)
    seeder.judge_finished(earlier)
    district = seeder.district_contest(2023, entries=district_entries)
    seeder.ward_contest(district, copied_from=earlier)


class _Seeder:
    def __init__(self, units: dict[str, Unit], users: dict[str, User], rng: random.Random):
        self.units, self.users, self.rng = units, users, rng
        self.fingerprinter = Fingerprinter()
        self.quality: dict[int, float] = {}
        # Entries the judges read very differently: judge3 loves them, judge1 does not.
        self.divisive: set[int] = set()
        self.sequences: dict[int, int] = {}

    # Contests and entries ---------------------------------------------------

    def district_contest(self, year: int, *, entries: int) -> Contest:
        district = self.units[DISTRICT]
        contest = create_contest(
            by=None,
            unit=district,
            name=f"Cuộc thi viết chính luận về bảo vệ nền tảng tư tưởng của Đảng năm {year}",
            year=year,
            rules=RULES,
            categories=demo_texts.CATEGORIES,
            rounds=[RoundSpec("Sơ khảo", 30 if year < 2023 else 162, 2), RoundSpec("Chung khảo")],
            criteria=RUBRIC,
            opens_on=date(year, 3, 1),
            closes_on=date(year, 9, 30),
            results_on=date(year, 12, 15),
        )
        senders = [
            unit
            for unit in district.children.order_by("code")
            if unit.kind != UnitKind.STEERING_COMMITTEE
        ]
        # Most take part; a few never send anything, as in any real contest.
        active = senders[: max(1, len(senders) - 6)]
        for number in range(entries):
            unit = active[number % len(active)] if number < len(active) else self.rng.choice(active)
            self.entry(
                contest, unit, number, by=self.users.get("district"), share_author=number % 19 == 5
            )
        if year == 2023 and entries >= 2:
            self._pin_extreme_ages(contest)
        return contest

    def ward_contest(self, parent: Contest, *, copied_from: Contest) -> Contest:
        ward = self.units[WARD]
        contest = create_contest(
            by=None,
            unit=ward,
            name="Cuộc thi viết “Tuổi cao gương sáng, giữ vững niềm tin” năm 2023",
            year=2023,
            rules=RULES,
            categories=demo_texts.CATEGORIES,
            rounds=[RoundSpec("Sơ khảo", 12, 2), RoundSpec("Chung khảo", 5, 3)],
            criteria=RUBRIC,
            opens_on=date(2023, 3, 1),
            closes_on=date(2023, 7, 31),
            results_on=date(2023, 9, 2),
            parent=parent,
        )
        cells = [ward, *ward.children.order_by("code")]
        reporter = self.users.get("ward")
        entries = [
            self.entry(contest, cells[n % len(cells)], n, by=reporter, share_author=n % 9 == 4)
            for n in range(46)
        ]
        original = entries[7]
        entries.append(self.copy(contest, original, cells[3], by=reporter, rewrite=0.12))
        source = copied_from.entries.order_by("sequence")[5]
        entries.append(self.copy(contest, source, cells[5], by=reporter, rewrite=0.2))
        # The copies are no better than their sources: the preliminary round catches them.
        self.quality[entries[-1].pk] = self.quality[entries[-2].pk] = 45.0
        self.divisive |= {entries[10].pk, entries[21].pk, entries[33].pk}
        self.judge_preliminary_and_start_final(contest)
        return contest

    def entry(
        self,
        contest: Contest,
        unit: Unit,
        number: int,
        *,
        by: User | None,
        share_author: bool = False,
    ) -> Entry:
        rng = self.rng
        count = 1 if rng.random() < 0.8 else rng.randint(2, 3)
        authors = [
            AuthorInput(demo_texts.person_name(rng), _birth_year(rng, contest.year))
            for _ in range(count)
        ]
        known_authors = contest.authors.count() if share_author else 0
        if known_authors:
            known = contest.authors.order_by("pk")[rng.randrange(known_authors)]
            authors[0] = AuthorInput(known.name, known.birth_year, known.unit)
        text = demo_texts.essay(rng, authors=[a.name for a in authors], unit_name=unit.name)
        return self._store(contest, unit, demo_texts.title(rng, number), authors, text, by)

    def copy(
        self, contest: Contest, source: Entry, unit: Unit, *, by: User | None, rewrite: float
    ) -> Entry:
        authors = [AuthorInput(demo_texts.person_name(self.rng), _birth_year(self.rng, 2023))]
        text = demo_texts.near_copy(
            self.rng, source.text, authors=[a.name for a in authors], rewrite=rewrite
        )
        return self._store(contest, unit, f"{source.title} – góc nhìn mới", authors, text, by)

    def _store(
        self,
        contest: Contest,
        unit: Unit,
        title: str,
        authors: list[AuthorInput],
        text: str,
        by: User | None,
    ) -> Entry:
        rng = self.rng
        day = (contest.opens_on or date(contest.year, 1, 1)) + timedelta(days=rng.randint(0, 120))
        entry = store_entry(
            by=by,
            contest=contest,
            item=EntryInput(
                title=title,
                submitting_unit=unit,
                authors=authors,
                category=rng.choice(demo_texts.CATEGORIES),
            ),
            text=text,
            received_at=_at(day, rng.randint(8, 16)),
            kind=EventKind.RECEIVED,
            code="".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
            fingerprinter=self.fingerprinter,
            sequence=self._next(contest),
        )
        self.quality[entry.pk] = rng.gauss(68, 9)
        return entry

    def _next(self, contest: Contest) -> int:
        self.sequences[contest.pk] = self.sequences.get(contest.pk, 0) + 1
        return self.sequences[contest.pk]

    def _pin_extreme_ages(self, contest: Contest) -> None:
        """The seed report's oldest (95) and youngest (20) authors."""
        first, second = contest.authors.order_by("pk")[:2]
        first.birth_year, second.birth_year = contest.year - 95, contest.year - 20
        first.save(update_fields=["birth_year"])
        second.save(update_fields=["birth_year"])

    # Judging ----------------------------------------------------------------

    def jury(self, round: Round) -> None:
        judges = [self.users[name] for name in JUDGES if name in self.users]
        set_jury(by=None, round=round, judges=judges)
        assign_automatically(by=None, round=round)

    def score(self, round: Round, assignments: list[Assignment], when: date) -> None:
        criteria = list(round.contest.criteria.order_by("order"))
        scores = []
        for index, assignment in enumerate(assignments):
            severity, spread, noise = HABITS.get(assignment.judge.username, (0.0, 1.0, 3.0))
            quality = self.quality.get(assignment.entry_id, 65.0)
            total = 65 + severity + spread * (quality - 65) + self.rng.gauss(0, noise)
            if assignment.entry_id in self.divisive:
                total += {"judge1": -20.0, "judge3": 20.0}.get(assignment.judge.username, 0.0)
            points = _split(self.rng, max(5.0, min(98.0, total)), criteria)
            scores += [
                Score(assignment=assignment, criterion=c, points=points[c.pk]) for c in criteria
            ]
            assignment.total = weighted_total(points, criteria)
            assignment.comment = self.rng.choice(_COMMENTS)
            assignment.submitted_at = _at(when, 9 + index % 8)
        Score.objects.bulk_create(scores)
        Assignment.objects.bulk_update(assignments, ["total", "comment", "submitted_at"])

    def close(self, round: Round, when: date, count: int | None = None) -> None:
        compute_results(by=None, round=round)
        if round.next_round() is not None:
            advance(by=None, round=round, count=count)
        moment = _at(when, 17)
        Round.objects.filter(pk=round.pk).update(results_at=moment, closed_at=moment)
        EntryEvent.objects.filter(
            entry__contest=round.contest, kind=EventKind.ADVANCED, at__gt=moment
        ).update(at=moment)

    def judge_finished(self, contest: Contest) -> None:
        year = contest.year
        for round in contest.rounds.order_by("order"):
            self.jury(round)
            self.score(round, list(round.assignments.select_related("judge")), date(year, 10, 20))
            self.close(round, date(year, 11, 5 + 20 * (round.order - 1)))
        final = contest.last_round()
        assert final is not None
        ranked = [r.entry for r in final.results.order_by("rank").select_related("entry")]
        ranks = [PrizeRank.FIRST] + [PrizeRank.SECOND] * 2 + [PrizeRank.THIRD] * 3
        ranks += [PrizeRank.CONSOLATION] * 5
        for entry, rank in zip(ranked, ranks, strict=False):
            award_prize(by=None, contest=contest, rank=rank, entry=entry)
        for unit in list(contest.unit.children.order_by("code"))[:2]:
            award_prize(by=None, contest=contest, rank=PrizeRank.COLLECTIVE, collective=unit)

    def judge_preliminary_and_start_final(self, contest: Contest) -> None:
        preliminary, final = contest.rounds.order_by("order")
        self.jury(preliminary)
        self.score(
            preliminary, list(preliminary.assignments.select_related("judge")), date(2023, 8, 10)
        )
        self.close(preliminary, date(2023, 8, 15))
        self.jury(final)
        by_judge = list(final.assignments.select_related("judge").order_by("entry__code"))
        done = [a for a in by_judge if a.judge.username == "judge2"]
        done += [a for a in by_judge if a.judge.username == "judge3"][:6]
        self.score(final, done, date(2023, 8, 25))


_COMMENTS = [
    "Bài viết có lập luận chặt chẽ, dẫn chứng thuyết phục.",
    "Nội dung tốt nhưng phần kết còn chung chung.",
    "Có nhiều dẫn chứng thực tế ở cơ sở, cần biên tập lại câu chữ.",
    "Ý tưởng mới, cách viết gần gũi.",
    "Cần làm rõ hơn phần phản bác các luận điệu sai trái.",
    "",
]


def _birth_year(rng: random.Random, year: int) -> int:
    """Ages 20–95, most of the authors retired Party members, as in ward contests."""
    age = rng.choice([rng.randint(20, 40), rng.randint(35, 60), rng.randint(58, 92)])
    return year - age


def _split(rng: random.Random, total: float, criteria: list[Criterion]) -> dict[int, Decimal]:
    """Points per criterion adding up to about ``total`` on the 100-point scale, in halves."""
    points = {}
    for criterion in criteria:
        share = total / 100 * float(criterion.max_points) + rng.gauss(0, 0.6)
        capped = max(0.0, min(float(criterion.max_points), share))
        points[criterion.pk] = Decimal(round(capped * 2) / 2).quantize(Decimal("0.1"))
    return points


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))
