#include "fetch.h"
#include "arena.h"

#include <pthread.h>
#include <stdlib.h>

/* How far each stage may run ahead of the next. Compared trees are a
 * few paths each: the differ may run far ahead, past a commit whose files
 * take long to read and parse (the first one adds every report). Read
 * blobs take memory: a table version can be megabytes. */
#define DIFFED_AHEAD 4096
#define READY_AHEAD 64

/* Commits handed from one stage to the next, in order. */
typedef struct queue {
	fetch_commit **v;
	size_t cap, head, count;
	bool closed;             /* nothing more will be pushed */
} queue;

/* Two stages on threads of their own: the differ compares trees (the
 * bigger half), the blob reader reads the wanted file versions through a
 * second handle on the repository. Without a second handle the differ
 * reads the blobs too; without threads fetch_next does everything. */
struct fetch {
	repo *r, *blob_repo;
	const char *const *ids;
	size_t n, next;          /* next: the next commit to read, unthreaded */
	const char *first_prev;
	bool (*wanted)(const char *path);
	diag *d;
	bool differ_started, blobber_started, stop;
	pthread_t differ, blobber;
	pthread_mutex_t lock;
	pthread_cond_t changed;  /* a queue or `stop` changed */
	queue diffed, ready;     /* differ → blob reader → fetch_next */
};

static void read_blobs(fetch *f, repo *from, fetch_commit *c)
{
	c->blobs = xcalloc(c->n ? c->n : 1, sizeof *c->blobs);
	c->blob_ok = xcalloc(c->n ? c->n : 1, sizeof *c->blob_ok);
	for (size_t i = 0; c->has_info && i < c->n; i++)
		if (c->changes[i].new_blob && f->wanted(c->changes[i].path))
			c->blob_ok[i] = repo_blob(from, c->changes[i].new_blob,
						  &c->blobs[i], c->notes) == 0;
}

/* Commit i's changes and details; its blobs too when `blobs_from`. */
static fetch_commit *read_commit(fetch *f, size_t i, repo *blobs_from)
{
	fetch_commit *c = xcalloc(1, sizeof *c);
	c->a = arena_new();
	c->notes = diag_new();
	c->id = f->ids[i];
	c->rc = repo_content_changes(f->r, i ? f->ids[i - 1] : f->first_prev,
				     c->id, c->a, &c->changes, &c->n, c->notes);
	/* A commit that touches nothing under content needs nothing more. */
	if (c->rc == 0 && c->n)
		c->has_info = repo_commit_info(f->r, c->id, c->a, &c->info,
					       c->notes) == 0;
	if (blobs_from)
		read_blobs(f, blobs_from, c);
	return c;
}

/* Append c to q, waiting for room; false (c not taken) once stopped. */
static bool push(fetch *f, queue *q, fetch_commit *c)
{
	pthread_mutex_lock(&f->lock);
	while (q->count == q->cap && !f->stop)
		pthread_cond_wait(&f->changed, &f->lock);
	bool taken = !f->stop;
	if (taken) {
		q->v[(q->head + q->count++) % q->cap] = c;
		pthread_cond_broadcast(&f->changed);
	}
	pthread_mutex_unlock(&f->lock);
	return taken;
}

/* The first commit of q, waiting for one; NULL when q is closed and
 * empty, or once stopped. */
static fetch_commit *pop(fetch *f, queue *q)
{
	pthread_mutex_lock(&f->lock);
	while (!q->count && !q->closed && !f->stop)
		pthread_cond_wait(&f->changed, &f->lock);
	fetch_commit *c = NULL;
	if (q->count && !f->stop) {
		c = q->v[q->head];
		q->head = (q->head + 1) % q->cap;
		q->count--;
		pthread_cond_broadcast(&f->changed);
	}
	pthread_mutex_unlock(&f->lock);
	return c;
}

static void close_queue(fetch *f, queue *q)
{
	pthread_mutex_lock(&f->lock);
	q->closed = true;
	pthread_cond_broadcast(&f->changed);
	pthread_mutex_unlock(&f->lock);
}

static queue new_queue(size_t cap)
{
	return (queue){ .v = xcalloc(cap, sizeof(fetch_commit *)), .cap = cap };
}

static void *run_differ(void *arg)
{
	fetch *f = arg;
	queue *out = f->blobber_started ? &f->diffed : &f->ready;
	for (size_t i = 0; i < f->n; i++) {
		fetch_commit *c = read_commit(f, i, f->blobber_started ? NULL : f->r);
		if (!push(f, out, c)) {
			fetch_commit_free(c);
			break;
		}
	}
	close_queue(f, out);
	return NULL;
}

static void *run_blobber(void *arg)
{
	fetch *f = arg;
	for (fetch_commit *c; (c = pop(f, &f->diffed));) {
		read_blobs(f, f->blob_repo, c);
		if (!push(f, &f->ready, c)) {
			fetch_commit_free(c);
			break;
		}
	}
	close_queue(f, &f->ready);
	return NULL;
}

static void stop_threads(fetch *f)
{
	pthread_mutex_lock(&f->lock);
	f->stop = true;
	pthread_cond_broadcast(&f->changed);
	pthread_mutex_unlock(&f->lock);
	if (f->differ_started)
		pthread_join(f->differ, NULL);
	if (f->blobber_started)
		pthread_join(f->blobber, NULL);
	f->differ_started = f->blobber_started = false;
}

fetch *fetch_start(repo *r, const char *const *ids, size_t n,
		   const char *first_prev, bool (*wanted)(const char *path),
		   diag *d)
{
	fetch *f = xcalloc(1, sizeof *f);
	*f = (fetch){ .r = r, .ids = ids, .n = n, .first_prev = first_prev,
		      .wanted = wanted, .d = d };
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->changed, NULL);
	f->diffed = new_queue(DIFFED_AHEAD);
	f->ready = new_queue(READY_AHEAD);
	if (n < 2)
		return f;
	f->blob_repo = repo_reopen(r, d);
	f->blobber_started = f->blob_repo &&
		pthread_create(&f->blobber, NULL, run_blobber, f) == 0;
	f->differ_started =
		pthread_create(&f->differ, NULL, run_differ, f) == 0;
	if (!f->differ_started) { /* fetch_next reads on its own */
		stop_threads(f);
		f->stop = false;
	}
	return f;
}

/* Reports reach `d` in commit order, whichever thread made them, so
 * that equal inputs give equal messages in an equal order. */
static void pass_notes(fetch *f, const fetch_commit *c)
{
	for (size_t i = 0; i < diag_count(c->notes); i++) {
		const diag_item *it = diag_get(c->notes, i);
		if (it->level == DIAG_ERROR)
			diag_error(f->d, it->file, it->line, it->col, "%s", it->msg);
		else
			diag_warn(f->d, it->file, it->line, it->col, "%s", it->msg);
	}
}

fetch_commit *fetch_next(fetch *f)
{
	fetch_commit *c = f->differ_started ? pop(f, &f->ready)
		: f->next < f->n ? read_commit(f, f->next++, f->r) : NULL;
	if (c)
		pass_notes(f, c);
	return c;
}

void fetch_commit_free(fetch_commit *c)
{
	if (!c)
		return;
	for (size_t i = 0; c->blobs && i < c->n; i++)
		buf_free(&c->blobs[i]);
	free(c->blobs);
	free(c->blob_ok);
	free(c->changes);
	diag_free(c->notes);
	arena_free(c->a);
	free(c);
}

static void drain(queue *q)
{
	for (; q->count; q->count--, q->head = (q->head + 1) % q->cap)
		fetch_commit_free(q->v[q->head]);
	free(q->v);
}

void fetch_finish(fetch *f)
{
	stop_threads(f);
	drain(&f->diffed);
	drain(&f->ready);
	repo_free(f->blob_repo);
	pthread_cond_destroy(&f->changed);
	pthread_mutex_destroy(&f->lock);
	free(f);
}
