from django.urls import path

from nabz.content.views import editor, picker, posts

urlpatterns = [
    path("", posts.post_list, name="posts"),
    path("new/", editor.new_post, name="post_new"),
    path("check/", editor.live_check, name="post_live_check"),
    path("review/", posts.review_queue, name="review_queue"),
    path("date-picker/", picker.date_picker, name="date_picker"),
    path("<int:pk>/", posts.post_detail, name="post_detail"),
    path("<int:pk>/edit/", editor.edit_post, name="post_edit"),
    path("<int:pk>/submit/", posts.submit_post, name="post_submit"),
    path("<int:pk>/approve/", posts.approve_post, name="post_approve"),
    path("<int:pk>/reject/", posts.reject_post, name="post_reject"),
    path("<int:pk>/override/", posts.override_finding, name="post_override"),
    path("<int:pk>/schedule/", posts.schedule_post, name="post_schedule"),
    path("<int:pk>/unschedule/", posts.unschedule_post, name="post_unschedule"),
    path("<int:pk>/archive/", posts.archive_post, name="post_archive"),
    path("<int:pk>/comment/", posts.comment_post, name="post_comment"),
]
