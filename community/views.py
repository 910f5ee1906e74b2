"""Discussion pages: forums, threads, posting, helpful marks, reports, follows and notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from community import actions, notify, permissions, post_html, reader, trust
from community.forms import EditPostForm, ReportForm, ThreadForm
from community.models import (
    POSTS_PER_PAGE,
    Forum,
    Notification,
    Post,
    Subscription,
    Thread,
    ThreadFacts,
    Visibility,
    visible_posts_before,
)
from portal import generations, shared_pages
from portal.breadcrumbs import crumbs
from therapies.models import Therapy

THREADS_PER_PAGE = 25


def _community_crumb() -> tuple[str, str]:
    return _("Community"), reverse("community:forum_list")


@shared_pages.shared_page(lambda **kwargs: [generations.SITE, generations.KNOWLEDGE, generations.DISCUSSIONS])
def forum_list(request: HttpRequest) -> HttpResponse:
    # Each forum's newest thread by title and address: not the post's text, its rendered HTML or search document.
    forums = (
        Forum.objects.listed()
        .select_related("last_post__thread__forum")
        .only(
            *(f.name for f in Forum._meta.concrete_fields),
            "last_post__thread__title",
            "last_post__thread__slug",
            "last_post__thread__forum__slug",
        )
    )
    return render(
        request,
        "community/forum_list.html",
        {"forums": forums, "crumbs": crumbs((_("Community"), None))},
    )


@shared_pages.shared_page(lambda slug, **kwargs: [generations.SITE, generations.KNOWLEDGE, generations.forum(slug)])
def forum_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A forum's threads, pinned first; the member's unread counts are filled in per request (community/holes.py)."""
    forum = get_object_or_404(Forum.objects.listed(), slug=slug)
    therapies = list(
        Therapy.objects.published()
        # EXISTS probes the (therapy, status, …) index per therapy; a DISTINCT join read every thread of the forum.
        .filter(Exists(Thread.objects.filter(therapy=OuterRef("pk"), forum=forum, status=Visibility.VISIBLE)))
        .only("name", "slug")
    )
    therapy_slug = request.GET.get("therapy", "")
    threads = Thread.objects.visible().filter(forum=forum).listed().order_by("-pinned", "-last_activity_at", "-pk")
    if therapy_slug:
        threads = threads.filter(therapy__slug=therapy_slug)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/forum_detail.html",
        {
            "forum": forum,
            "page": page,
            "therapies": therapies,
            "therapy_slug": therapy_slug,
            "crumbs": crumbs(_community_crumb(), (forum.name, None)),
        },
    )


def _thread_for(request: HttpRequest, forum_slug: str | None, thread_id: int) -> Thread:
    """The thread if `request.user` may read it (in the forum named, unless `forum_slug` is None); 404 otherwise."""
    thread = get_object_or_404(Thread.objects.in_listed_forums().for_page().filter(pk=thread_id))
    if forum_slug is not None and thread.forum.slug != forum_slug:
        raise Http404
    if not permissions.can_read_thread(request.user, thread):
        raise Http404
    return thread


def _thread_scopes(thread_id: int, **kwargs) -> list[str]:
    return [generations.SITE, generations.KNOWLEDGE, generations.thread(thread_id)]


@shared_pages.visitor_page(_thread_scopes)
def thread_detail(request: HttpRequest, forum_slug: str, thread_id: int, slug: str) -> HttpResponse:
    """The thread's page of posts: kept for every reader (the shell knows its thread), with each reader's marks and
    buttons filled in. A member with a post of their own waiting or turned down here gets a page of their own: it
    shows posts nobody else sees."""
    user = request.user
    relation = reader.thread_relation(user, thread_id)
    if request.GET.get("unread") and user.is_authenticated:
        thread = _thread_for(request, None, thread_id)
        moderator = permissions.can_moderate_forum(user, thread.forum_id)
        ordered = (Post.objects.all() if moderator else Post.objects.visible()).filter(thread=thread)
        return redirect(_first_unread_url(thread, ordered.order_by("number"), relation.read_up_to))
    # Staff may moderate this forum (which shows every post with its status); a member with an unpublished post
    # here sees it: both need the thread before the page.
    thread = _thread_for(request, None, thread_id) if user.is_staff or relation.own_unpublished else None
    moderator = thread is not None and permissions.can_moderate_forum(user, thread.forum_id)
    if relation.own_unpublished:
        shell = _thread_page(request, thread, slug=slug, forum_slug=forum_slug, moderator=moderator, relation=relation)
        if shell.status_code == 200:
            shared_pages.render_for_one(shell)
    else:
        # Moderators see every post with its status: their shell is kept apart, for the moderators of this forum.
        kind = "moderator" if moderator else "member" if user.is_authenticated else "visitor"
        shell = shared_pages.kept(
            request,
            scopes=_thread_scopes(thread_id),
            kind=kind,
            render=lambda: _thread_page(
                request,
                thread or _thread_for(request, None, thread_id),
                slug=slug,
                forum_slug=forum_slug,
                moderator=moderator,
            ),  # fmt: skip
        )
    meta = shell.meta if isinstance(shell, shared_pages.Shell) else getattr(shell, "shell_meta", None)
    if meta is None:
        return shell  # a redirect to where the thread is now, or a 404
    facts = ThreadFacts(**meta["thread"])
    numbers = meta["numbers"]
    if meta["whole"] and user.is_authenticated and numbers and numbers[-1] > relation.read_up_to:
        actions.mark_read(user=user, thread=facts, number=numbers[-1])
    return shared_pages.respond(
        shell,
        thread=facts,
        read_up_to=relation.read_up_to,
        following=relation.following,
        whole=meta["whole"],
        moderator=moderator,
        quote=_quote(thread_id, request),
    )


def _thread_page(
    request: HttpRequest,
    thread: Thread,
    *,
    slug: str,
    forum_slug: str,
    moderator: bool = False,
    relation: reader.ThreadRelation = reader.NO_RELATION,
) -> HttpResponse:
    """The page's posts with their holes, what every reader of it sees (a moderator: every post, with its status;
    a member with their own waiting posts: those too), and the thread's facts for the requests that re-use it."""
    # Any forum: links to a thread that a moderator moved, or whose title changed, lead to where it is now.
    if slug != thread.slug or forum_slug != thread.forum.slug:
        return redirect(thread.get_absolute_url(), permanent=True)
    whole = permissions.can_read_whole_thread(request.user, thread)
    ordered = (Post.objects.all() if moderator else Post.objects.visible()).filter(thread=thread).order_by("number")
    # The page is chosen by number in a subquery (read from the (thread, status, number) index alone), and authors
    # are fetched for its 20 posts only: with OFFSET, PostgreSQL would build them for every post it skips (10,000 on
    # the last page of a long thread).
    paginator = Paginator(ordered.values_list("number", flat=True), POSTS_PER_PAGE)
    if not moderator:
        # Pages are made of the visible posts, which the thread counts: no COUNT over a long thread, and the
        # index on (thread, status, number) serves the page.
        paginator.count = thread.post_count
    page = paginator.get_page(request.GET.get("page") if whole else 1)
    posts = ordered.filter(number__in=page.object_list).as_shown()
    post_list = list(posts) if whole else list(posts[:1])
    if whole and relation.own_unpublished and not moderator:
        post_list = _with_own_unpublished(post_list, page, thread=thread, user=request.user)
    # A post of the reader's own that nobody else sees says so; the moderators' shell is shared by them all.
    reader_id = request.user.pk if request.user.is_authenticated and not moderator else None
    response = render(
        request,
        "community/thread_detail.html",
        {
            "thread": thread,
            "forum": thread.forum,
            "page": page,
            "posts_html": post_html.render_posts(post_list, reader_id=reader_id) if whole else "",
            "whole": whole,
            "teaser": post_list[0].teaser() if post_list and not whole else "",
            "reported_authors": ",".join(
                sorted({str(post.author_id) for post in post_list if post.open_report_count and post.author_id})
            ),
            "crumbs": crumbs(
                _community_crumb(), (thread.forum.name, thread.forum.get_absolute_url()), (thread.title, None)
            ),
        },
    )
    response.shell_meta = {
        "thread": ThreadFacts.of(thread).as_dict(),
        "whole": whole,
        "numbers": [post.number for post in post_list],
    }
    return response


def _with_own_unpublished(post_list: list[Post], page, *, thread: Thread, user) -> list[Post]:
    """The member's own waiting or hidden posts in this page's stretch of the thread, in number order."""
    own = Post.objects.filter(thread=thread, author=user).exclude(status=Visibility.VISIBLE).as_shown()
    if page.number > 1 and post_list:
        own = own.filter(number__gt=post_list[0].number)
    if page.has_next() and post_list:
        own = own.filter(number__lt=post_list[-1].number)
    extra = list(own)
    if not extra:
        return post_list
    return sorted([*post_list, *extra], key=lambda post: post.number)


def _quote(thread_id: int, request: HttpRequest) -> str:
    """Quote-reply without JavaScript: ?quote=N starts the reply with post N quoted and its author mentioned."""
    number = request.GET.get("quote", "")
    if not number.isdigit():
        return ""
    quoted = Post.objects.visible().filter(thread=thread_id, number=int(number)).select_related("author").first()
    if quoted is None:
        return ""
    lines = "\n".join(f"> {line}" for line in quoted.body.splitlines())
    mention = f"@{quoted.author.display_name} " if quoted.author else ""
    return f"{lines}\n\n{mention}"


def _first_unread_url(thread: Thread, posts, read_up_to: int) -> str:
    first_unread = (
        posts.filter(number__gt=read_up_to, status=Visibility.VISIBLE).values_list("number", flat=True).first()
    )
    if first_unread is None:
        last = thread.last_post.number if thread.last_post_id else 1
        first_unread = last
    return thread.post_url(first_unread, before=posts.filter(number__lt=first_unread).count())


@login_required
def new_thread(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_or_404(Forum.objects.listed(), slug=slug)
    status = 200
    if request.method == "POST":
        submission = actions.submit_thread(author=request.user, forum=forum, data=request.POST)
        refusal, form = submission.refusal, submission.form
        if refusal is not None:
            # Nothing is created; the page says why (and, for a suspension, until when).
            status = 403
        elif submission.spam:
            messages.success(request, _("Thank you. Your thread is posted."))
            return redirect(forum)
        elif submission.duplicate:
            messages.info(request, submission.message)
            return redirect(submission.thread.get_absolute_url() if submission.thread else forum.get_absolute_url())
        elif submission.post is not None:
            waiting = submission.post.status == Visibility.PENDING
            (messages.info if waiting else messages.success)(request, submission.posted_message)
            return redirect(submission.thread)
    else:
        refusal = permissions.posting_refusal(request.user)
        form = ThreadForm(
            initial={"therapy": request.GET.get("therapy", "")},
            therapies=actions.published_therapies(),
            rules=trust.needs_rules_acceptance(request.user),
        )
    return render(
        request,
        "community/thread_form.html",
        {
            "forum": forum,
            "form": form,
            "refusal": refusal,
            "crumbs": crumbs(_community_crumb(), (forum.name, forum.get_absolute_url()), (_("New thread"), None)),
        },
        status=status,
    )


@login_required
@require_POST
def reply(request: HttpRequest, forum_slug: str, thread_id: int) -> HttpResponse:
    """The reply form's post, without the page's script (which writes through the API: static/js/community.js)."""
    thread = _thread_for(request, forum_slug, thread_id)
    submission = actions.submit_reply(author=request.user, thread=thread, data=request.POST)
    if submission.refusal is not None:
        return _reply_page(request, thread, form=None, refusal=submission.refusal, status=403)
    if submission.spam:
        return redirect(thread)
    if submission.duplicate:
        messages.info(request, submission.message)
        return redirect(thread)
    if submission.post is not None:
        if submission.post.status == Visibility.PENDING:
            messages.info(request, submission.posted_message)
        return redirect(_url_of(submission.post, request.user))
    return _reply_page(request, thread, form=submission.form, refusal=None, status=400)


def _url_of(post: Post, user) -> str:
    """Where `user` finds `post`: pages count the posts this member is shown (their own waiting ones too)."""
    before = Post.objects.shown_to(user).filter(thread_id=post.thread_id, number__lt=post.number).count()
    return post.thread.post_url(post.number, before=before)


def _reply_page(request: HttpRequest, thread: Thread, *, form, refusal, status: int) -> HttpResponse:
    """The reply form on its own page, with what was typed and the messages; or why the member cannot reply."""
    return render(
        request,
        "community/reply_form.html",
        {
            "thread": thread,
            "forum": thread.forum,
            "form": form,
            "refusal": refusal,
            "crumbs": crumbs(
                _community_crumb(),
                (thread.forum.name, thread.forum.get_absolute_url()),
                (thread.title, thread.get_absolute_url()),
                (_("Reply"), None),
            ),
        },
        status=status,
    )


def _post_for(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(
        Post.objects.filter(thread__in=Thread.objects.in_listed_forums()).select_related("thread__forum", "author"),
        pk=post_id,
    )
    if not permissions.can_read_thread(request.user, post.thread):
        raise Http404
    return post


@login_required
def edit_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_for(request, post_id)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied(_("You can edit your own posts for 24 hours after writing them."))
    form = EditPostForm(
        request.POST or None,
        initial={"body": post.body},
        original=post.body,
        may_add_links=not post.is_visible or trust.may_publish_links(request.user),
    )
    if request.method == "POST" and form.is_valid():
        actions.edit_post(post=post, editor=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your post is updated. The earlier version is kept in its history."))
        return redirect(_url_of(post, request.user))
    return render(
        request,
        "community/edit_form.html",
        {
            "post": post,
            "thread": post.thread,
            "form": form,
            "revisions": post.revisions.all()[:20],
            "crumbs": _post_crumbs(post, _("Edit")),
        },
    )


def _post_crumbs(post: Post, last: str) -> list:
    thread = post.thread
    forum = (thread.forum.name, thread.forum.get_absolute_url())
    return crumbs(_community_crumb(), forum, (thread.title, thread.get_absolute_url()), (last, None))


@require_POST
def helpful(request: HttpRequest, post_id: int) -> HttpResponse:
    """The helpful button's post, without the page's script (which writes through the API)."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("community:forum_list"))
    post = _post_for(request, post_id)
    if permissions.helpful_refusal(request.user, post) is not None:
        raise PermissionDenied
    actions.toggle_helpful(user=request.user, post=post)
    return redirect(_url_of(post, request.user))


@login_required
def report(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_for(request, post_id)
    if permissions.report_refusal(request.user, post) is not None:
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            _report, created = actions.report_post(reporter=request.user, post=post, **form.cleaned_data)
        except actions.TooManyReports as limited:
            # Nothing is stored; the form comes back with what was typed and until when to wait.
            form.add_error(None, limited.refusal.message)
            status = 429
        else:
            if created:
                messages.success(request, actions.REPORT_RECEIVED)
            else:
                messages.info(request, actions.ALREADY_REPORTED)
            return redirect(_url_of(post, request.user))
    return render(
        request,
        "community/report_form.html",
        {
            "post": post,
            "thread": post.thread,
            "form": form,
            "crumbs": _post_crumbs(post, _("Report a post")),
        },
        status=status,
    )


@login_required
@require_POST
def follow(request: HttpRequest, forum_slug: str, thread_id: int) -> HttpResponse:
    thread = _thread_for(request, forum_slug, thread_id)
    wanted = request.POST.get("follow") == "1"
    actions.set_subscription(user=request.user, thread=thread, follow=wanted)
    messages.success(request, _("You follow this thread.") if wanted else _("You no longer follow this thread."))
    return redirect(thread)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = (
        Notification.objects.filter(user=request.user)
        .select_related("post__thread__forum")
        .annotate(posts_before=visible_posts_before("post__"))
        .order_by("-created_at")
    )
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for notification in page.object_list:
        post = notification.post
        notification.url = post.thread.post_url(post.number, before=notification.posts_before)
    unread_ids = [n.pk for n in page.object_list if n.read_at is None]
    response = render(
        request,
        "community/notifications.html",
        {"page": page, "crumbs": crumbs(_community_crumb(), (_("Notifications"), None))},
    )
    if unread_ids:
        Notification.objects.filter(pk__in=unread_ids).update(read_at=timezone.now())
    return response


# The signed token is the authority here, and mail providers' one-click POST (RFC 8058) carries no CSRF token.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a notification e-mail: one button in the browser (a mail scanner's GET changes nothing), or the
    mail program's one-click POST. It stops e-mail about the thread (unfollow), or all notification e-mail."""
    data = notify.read_unsubscribe_token(token)
    member = get_user_model().objects.filter(pk=data["u"]).first() if data else None
    if member is None:
        return render(request, "community/unsubscribe.html", {"invalid": True}, status=400)
    thread = Thread.objects.filter(pk=data.get("t")).first() if data.get("t") else None
    if data.get("t") and thread is None:
        # The thread is gone, and with it its e-mails: a link about it must not switch off everything else.
        return render(request, "community/unsubscribe.html", {"thread_gone": True})
    if request.method == "POST":
        actions.unsubscribe_by_link(member=member, thread=thread)
        done = True
    elif thread is not None:
        done = not Subscription.objects.filter(user=member, thread=thread).exists()
    else:
        done = member.email_frequency == get_user_model().EmailFrequency.NEVER
    return render(request, "community/unsubscribe.html", {"thread": thread, "done": done})


def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(get_user_model(), pk=member_id, is_active=True)
    recent = (
        Post.objects.visible()
        .filter(author=member, thread__status=Visibility.VISIBLE)
        .with_place()
        .select_related("thread__forum")
        .order_by("-created_at")
    )
    if not request.user.is_authenticated:
        recent = recent.filter(thread__members_only=False)
    return render(
        request,
        "community/member_detail.html",
        {
            "member": member,
            "recent": recent[:10],
            "post_count": Post.objects.visible().filter(author=member).count(),
            "crumbs": crumbs(_community_crumb(), (member.display_name, None)),
        },
    )
