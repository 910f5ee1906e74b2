"""The OpenAPI documentation of the discussions and the survey's statistics: the examples, and the arguments of
`extend_schema` for each endpoint of `community.api.views` (summary, description, parameters, responses, examples)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter

from community import trust
from community.api.serializers import (
    CAVEAT,
    ConditionStatisticsSerializer,
    ForumSerializer,
    HelpfulSerializer,
    NewThreadSerializer,
    PostedSerializer,
    PostSerializer,
    ReplySerializer,
    ReportedSerializer,
    ReportSerializer,
    TherapyConditionWithStatisticsSerializer,
    ThreadPostedSerializer,
    ThreadSerializer,
)
from portal.api import (
    ERRORS,
    NOT_FOUND_EXAMPLE,
    UNAUTHENTICATED_EXAMPLE,
    VALIDATION_ERROR_EXAMPLE,
    WRITE_ERRORS,
    ErrorSerializer,
)
from therapies.api.schema import THERAPY_CONDITION_DETAIL_EXAMPLE

AUTHOR_EXAMPLE = {"display_name": "Night Walker", "url": "/community/members/42/"}
THREAD_EXAMPLE = {
    "id": 17,
    "title": "What helped my evenings",
    "forum": "restless-legs-syndrome",
    "therapy": {"slug": "stretching", "name": "Stretching and yoga"},
    "author": AUTHOR_EXAMPLE,
    "members_only": False,
    "pinned": False,
    "locked": False,
    "post_count": 4,
    "reply_count": 3,
    "created_at": "2025-03-04T12:00:00Z",
    "last_activity_at": "2025-03-05T21:10:00Z",
    "last_poster": AUTHOR_EXAMPLE,
    "teaser": "Calf stretches before bed took the edge off for me…",
    "unread": 2,
    "url": "/community/restless-legs-syndrome/17-what-helped-my-evenings/",
}
POST_EXAMPLE = {
    "id": 311,
    "thread": 17,
    "number": 2,
    "author": AUTHOR_EXAMPLE,
    "body_html": "<p>A warm bath before bed helps me.</p>",
    "created_at": "2025-03-04T12:30:00Z",
    "edited_at": None,
    "helpful_count": 5,
    "marked_helpful": False,
    "url": "/community/restless-legs-syndrome/17-what-helped-my-evenings/#post-2",
}
REFUSED_EXAMPLE = OpenApiExample(
    "Suspended",
    value={
        "detail": "Your account is suspended until 7 March 2025, 12:00: Insults in a thread",
        "until": "2025-03-07T12:00:00+00:00",
    },
    response_only=True,
    status_codes=["403"],
)
RATE_LIMITED_EXAMPLE = OpenApiExample(
    "Rate limit",
    value={
        "detail": "You have posted 6 replies in the last hour, the most we allow. You can post again at 4 March "
        "2025, 13:00.",
        "until": "2025-03-04T13:00:00+00:00",
    },
    response_only=True,
    status_codes=["429"],
)
DUPLICATE_EXAMPLE = OpenApiExample(
    "Already posted", value={"detail": "You have already posted this reply."}, response_only=True, status_codes=["409"]
)
STATISTICS_EXAMPLE = {
    "condition": {"slug": "restless-legs-syndrome", "name": "Restless legs syndrome"},
    "severity": {
        "score_name": "Remedy Commons restless legs score (0–18)",
        "score_note": "Our own six questions, written for this site: not a validated clinical scale, and not "
        "comparable with the IRLS (International Restless Legs Scale) or its bands.",
        "n": 64,
        "bands": [
            {"code": "light", "label": "Light (1–5)", "count": None, "share": None},
            {"code": "marked", "label": "Marked (6–11)", "count": 25, "share": 0.39},
        ],
    },
    "treatments": [
        {
            "treatment": "Iron supplementation",
            "treatment_code": "iron-supplementation",
            "therapy": "iron-supplementation",
            "condition": "restless-legs-syndrome",
            "n_tried": 41,
            "n_tried_range": None,
            "n_rated": 36,
            "n_too_early": None,
            "helped": {"count": 18, "share": 0.5, "low": 0.34, "high": 0.66},
            "outcomes": [{"code": "much_better", "label": "Much better", "count": 18, "share": 0.5}],
            "side_effects": None,
            "refreshed_at": "2025-03-04T03:00:00Z",
        }
    ],
    "most_tried": ["iron-supplementation"],
    "most_helpful": ["iron-supplementation"],
    "refreshed_at": "2025-03-04T03:00:00Z",
    "caveat": CAVEAT,
}


FORUM_EXAMPLE = {
    "slug": "restless-legs-syndrome",
    "name": "Restless legs syndrome",
    "description": "",
    "condition": "restless-legs-syndrome",
    "thread_count": 12,
    "post_count": 140,
    "last_activity_at": "2025-03-05T21:10:00Z",
    "last_post": {
        "thread_id": 17,
        "thread_title": "What helped my evenings",
        "author": AUTHOR_EXAMPLE,
        "created_at": "2025-03-05T21:10:00Z",
    },
    "url": "/community/restless-legs-syndrome/",
}


THREAD_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The thread's number.")
POST_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The post's id.")

# The arguments of `extend_schema`, one set per endpoint, in the order of the views.

FORUM_LIST = {
    "summary": "Forums",
    "description": "One per published condition and the general ones, with their counts and last post.",
    "responses": {200: ForumSerializer(many=True), 404: ErrorSerializer},
    "examples": [
        OpenApiExample(
            "A forum",
            value=FORUM_EXAMPLE,
            response_only=True,
        )
    ],
}

FORUM_DETAIL = {
    "summary": "A forum",
    "parameters": [OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)],
    "responses": {200: ForumSerializer, 404: ErrorSerializer},
    "examples": [OpenApiExample("A forum", value=FORUM_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
}

THREAD_LIST = {
    "summary": "Threads",
    "description": "Visible threads, pinned first, then by last activity (as the forum pages list them); "
    "`ordering` sorts by `last_activity_at` or `created_at` instead (prefix `-` for newest first). "
    "Members-only threads are listed with their title and first lines, as for visitors on the pages.",
    "parameters": [
        OpenApiParameter("forum", OpenApiTypes.STR, description="Only threads in this forum (slug)."),
        OpenApiParameter("therapy", OpenApiTypes.STR, description="Only threads about this therapy (slug)."),
    ],
    "responses": {200: ThreadSerializer(many=True), 400: ErrorSerializer, 404: ErrorSerializer},
    "examples": [OpenApiExample("A thread", value=THREAD_EXAMPLE, response_only=True)],
}

THREAD_DETAIL = {
    "summary": "A thread",
    "parameters": [THREAD_ID],
    "responses": {200: ThreadSerializer, 404: ErrorSerializer},
    "examples": [OpenApiExample("A thread", value=THREAD_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
}

THREAD_CREATE = {
    "summary": "Start a thread",
    "description": "For members, with the same rules as the new-thread page: a new member's first posts (and their "
    "posts with links) wait for a moderator (`post.status` is `pending`); the rules must be accepted once per "
    "version (`accept_rules`); e-mail addresses and phone numbers are pointed out unless `confirm_contact`; "
    "rate limits answer 429, suspensions and other refusals 403, the same thread sent twice 409.",
    "request": NewThreadSerializer,
    "responses": {201: ThreadPostedSerializer, **WRITE_ERRORS},
    "examples": [
        OpenApiExample(
            "A question",
            value={"forum": "restless-legs-syndrome", "title": "Magnesium before bed?", "body": "Does it help?"},
            request_only=True,
        ),
        OpenApiExample(
            "Waiting for a moderator",
            value={
                "message": "Thank you. Your thread is waiting for a moderator; it appears once approved.",
                "thread": THREAD_EXAMPLE,
                "post": {**POST_EXAMPLE, "number": 1, "status": "pending"},
            },
            response_only=True,
            status_codes=["201"],
        ),
        VALIDATION_ERROR_EXAMPLE,
        UNAUTHENTICATED_EXAMPLE,
        REFUSED_EXAMPLE,
        RATE_LIMITED_EXAMPLE,
    ],
}

THREAD_POSTS = {
    "summary": "Posts of a thread",
    "description": "Its visible posts in order, 20 a page as on the thread page. A members-only thread answers "
    "401 to visitors: they read its title and first lines in the thread itself.",
    "parameters": [THREAD_ID],
    "responses": {200: PostSerializer(many=True), **ERRORS},
    "examples": [OpenApiExample("A post", value=POST_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
    "methods": ["GET"],
}

THREAD_REPLY = {
    "summary": "Reply in a thread",
    "description": "For members, with the same rules as the reply form (see “Start a thread”); slow mode and "
    "locked threads refuse too.",
    "request": ReplySerializer,
    "responses": {201: PostedSerializer, **WRITE_ERRORS},
    "examples": [
        OpenApiExample("A reply", value={"body": "A warm bath before bed helps me."}, request_only=True),
        OpenApiExample(
            "Posted",
            value={"message": "Your reply is posted.", "post": {**POST_EXAMPLE, "status": "visible"}},
            response_only=True,
            status_codes=["201"],
        ),
        VALIDATION_ERROR_EXAMPLE,
        UNAUTHENTICATED_EXAMPLE,
        REFUSED_EXAMPLE,
        RATE_LIMITED_EXAMPLE,
        DUPLICATE_EXAMPLE,
    ],
    "methods": ["POST"],
}

POST_DETAIL = {
    "summary": "A post",
    "parameters": [POST_ID],
    "responses": {200: PostSerializer, **ERRORS},
    "examples": [OpenApiExample("A post", value=POST_EXAMPLE, response_only=True), NOT_FOUND_EXAMPLE],
}

POST_HELPFUL = {
    "summary": "Mark a post helpful, or take the mark back",
    "description": "One mark per member and post; sending again takes it back. Not on your own posts.",
    "parameters": [POST_ID],
    "request": None,
    "responses": {200: HelpfulSerializer, **ERRORS},
    "examples": [
        OpenApiExample(
            "Marked",
            value={"marked": True, "count": 6, "count_text": "6 members found this helpful"},
            response_only=True,
        ),
        UNAUTHENTICATED_EXAMPLE,
    ],
}

POST_REPORT = {
    "summary": "Report a post",
    "description": "To the moderators, with a reason and a note; the author never learns who reported. One open "
    "report per member and post: reporting again answers 200 with `created` false. A member may report "
    f"{trust.REPORT_LIMITS['established']} posts an hour (a new member {trust.REPORT_LIMITS['new']}); past "
    "that the answer is 429 with `until`.",
    "parameters": [POST_ID],
    "request": ReportSerializer,
    "responses": {201: ReportedSerializer, 200: ReportedSerializer, **ERRORS, 429: ErrorSerializer},
    "examples": [
        OpenApiExample("Unsafe advice", value={"reason": "misinformation", "note": "Doses far too high."}),
        OpenApiExample(
            "Reported",
            value={
                "detail": "Thank you. A moderator will look at it. The author will not learn who reported.",
                "created": True,
            },
            response_only=True,
            status_codes=["201"],
        ),
        VALIDATION_ERROR_EXAMPLE,
    ],
}

STATISTICS_LIST = {
    "summary": "Survey statistics",
    "description": "Per published condition: the severity distribution and, per treatment, who tried it, who rated "
    "it, the share it helped with its 95% interval, the outcomes and side effects. Small numbers are not shown "
    "(null): no share below 20 raters and no count below 10 by default, nor any that could be worked out from "
    "the others. Figures are precomputed; no answer of any member is ever given out.",
    "parameters": [OpenApiParameter("condition", OpenApiTypes.STR, description="Only this condition (slug).")],
    "responses": {200: ConditionStatisticsSerializer(many=True), 400: ErrorSerializer},
    "examples": [OpenApiExample("Restless legs syndrome", value=[STATISTICS_EXAMPLE], response_only=True)],
}

STATISTICS_DETAIL = {
    "summary": "Survey statistics of one condition",
    "parameters": [
        OpenApiParameter("condition", OpenApiTypes.STR, OpenApiParameter.PATH, description="Condition slug.")
    ],
    "responses": {200: ConditionStatisticsSerializer, 404: ErrorSerializer},
    "examples": [
        OpenApiExample("Restless legs syndrome", value=STATISTICS_EXAMPLE, response_only=True),
        NOT_FOUND_EXAMPLE,
    ],
}

THERAPY_CONDITION_DETAIL = {
    "summary": "A therapy-for-condition page",
    "description": "The evidence field by field with its plain label, the protocol and points, warnings, the "
    "numbered references, and members' survey statistics for the pair (suppressed as on the page).",
    "parameters": [
        OpenApiParameter("therapy", OpenApiTypes.STR, OpenApiParameter.PATH, description="The therapy's slug."),
        OpenApiParameter("condition", OpenApiTypes.STR, OpenApiParameter.PATH, description="The condition's slug."),
    ],
    "responses": {200: TherapyConditionWithStatisticsSerializer, 404: ErrorSerializer},
    "examples": [
        OpenApiExample(
            "Acupuncture for RLS",
            value={**THERAPY_CONDITION_DETAIL_EXAMPLE, "survey_statistics": None},
            response_only=True,
        ),
        NOT_FOUND_EXAMPLE,
    ],
}
