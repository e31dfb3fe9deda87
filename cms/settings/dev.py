"""Local development: `make run`."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-4b1d6c0e"
ALLOWED_HOSTS = ["*"]

# The local OpenID Connect provider stands in for VNeID: a tester types the identity that signs in.
OIDC_SIMULATOR = True
OIDC_RP_CLIENT_ID = "motcua-mo-phong"
OIDC_RP_CLIENT_SECRET = "mo-phong-khong-bi-mat"  # noqa: S105
OIDC_OP_ISSUER = "/oidc-mo-phong/"
OIDC_OP_AUTHORIZATION_ENDPOINT = "/oidc-mo-phong/authorize/"
OIDC_OP_TOKEN_ENDPOINT = "/oidc-mo-phong/token/"  # noqa: S105 (an address)
OIDC_OP_USER_ENDPOINT = "/oidc-mo-phong/userinfo/"
OIDC_OP_JWKS_ENDPOINT = "/oidc-mo-phong/jwks/"
OIDC_OP_LOGOUT_ENDPOINT = "/oidc-mo-phong/logout/"
