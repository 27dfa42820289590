from django.urls import path

from tongket.contests import judge_views, result_views, round_views, views

app_name = "contests"
contest = "<int:pk>/"
round = contest + "rounds/<int:order>/"
urlpatterns = [
    path("", views.contest_list, name="contest_list"),
    path("new/", views.contest_create, name="contest_create"),
    path(contest, views.contest_detail, name="contest_detail"),
    path(contest + "entries/", views.entry_list, name="entry_list"),
    path(contest + "entries/new/", views.entry_create, name="entry_create"),
    path(contest + "entries/import/", views.entry_import, name="entry_import"),
    path(contest + "entries/import.xlsx", views.import_template, name="import_template"),
    path(contest + "prizes/", result_views.prizes, name="prizes"),
    path(contest + "statistics/", result_views.statistics, name="statistics"),
    path(contest + "statistics.xlsx", result_views.statistics_xlsx, name="statistics_xlsx"),
    path(contest + "duplicates/", result_views.duplicate_list, name="duplicates"),
    path(
        contest + "duplicates/<int:a>/<int:b>/",
        result_views.duplicate_pair,
        name="duplicate_pair",
    ),
    path(round, round_views.round_detail, name="round_detail"),
    path(round + "jury/", round_views.round_jury, name="round_jury"),
    path(round + "assign/", round_views.round_assign, name="round_assign"),
    path(round + "assignments/", round_views.assignment_add, name="assignment_add"),
    path(round + "results/", result_views.results, name="results"),
    path(round + "results/<str:step>/", result_views.results_step, name="results_step"),
    path("assignments/<int:pk>/remove/", round_views.assignment_remove, name="assignment_remove"),
    path("prizes/<int:pk>/withdraw/", result_views.prize_withdraw, name="prize_withdraw"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/receipt/", views.entry_receipt, name="entry_receipt"),
    path("entries/<int:pk>/file/", views.entry_file, name="entry_file"),
    path("judging/", judge_views.judge_home, name="judge_home"),
    path("judging/<int:pk>/", judge_views.judge_entry, name="judge_entry"),
    path("judging/<int:pk>/document.docx", judge_views.judge_document, name="judge_document"),
    path("judging/<int:pk>/conflict/", judge_views.judge_conflict, name="judge_conflict"),
]
