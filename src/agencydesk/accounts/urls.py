from django.urls import path

from agencydesk.accounts import password_views, regional_views, views
from agencydesk.accounts.two_factor import login as two_factor_login
from agencydesk.accounts.two_factor import views as two_factor_views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/two-factor/", two_factor_login.login_two_factor, name="login-two-factor"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("account/two-factor/", two_factor_views.two_factor_page, name="two-factor"),
    path("password-reset/", password_views.password_reset, name="password_reset"),
    path("password-reset/sent/", password_views.password_reset_sent, name="password_reset_sent"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        password_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("account/password/", password_views.password_change_page, name="password_change"),
    path("account/regional/", regional_views.regional_settings_page, name="regional"),
]
