"""Staff pages of site operations under /operations/ (namespace ``operations:``, as before)."""

from django.urls import URLPattern, path

from agencydesk.staff.views.operations import contractors, issues, reports, sites, work_orders

app_name = "operations"

urlpatterns: list[URLPattern] = [
    path("issues/", issues.issue_list, name="issues"),
    path("issues/log/", issues.issue_log, name="issue-log"),
    path("issues/<int:pk>/", issues.issue_detail, name="issue"),
    path("issues/<int:pk>/photos/", issues.issue_photo_upload, name="issue-photos"),
    path("issues/<int:pk>/photos/<int:photo_pk>/", issues.issue_photo, name="issue-photo"),
    path("issues/<int:pk>/dismiss/", issues.issue_dismiss_view, name="issue-dismiss"),
    path("issues/<int:pk>/convert/", issues.issue_convert_view, name="issue-convert"),
    path("work-orders/", work_orders.work_order_list, name="work-orders"),
    path("work-orders/new/", work_orders.work_order_new, name="work-order-new"),
    path("work-orders/<int:pk>/", work_orders.work_order_detail, name="work-order"),
    path(
        "work-orders/<int:pk>/evidence/<int:evidence_pk>/",
        work_orders.work_order_evidence,
        name="work-order-evidence",
    ),
    path(
        "work-orders/<int:pk>/<slug:action>/",
        work_orders.work_order_action,
        name="work-order-action",
    ),
    path("contractors/", contractors.contractor_list, name="contractors"),
    path("contractors/<int:pk>/", contractors.contractor_edit, name="contractor"),
    path("sites/", sites.site_list, name="sites"),
    path("sites/<int:pk>/", sites.site_detail, name="site"),
    path("reports/", reports.work_order_report_page, name="report"),
    path("reports/export.<str:extension>", reports.work_order_report_export, name="report-export"),
]
