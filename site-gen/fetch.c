#include "fetch.h"
#include "arena.h"

#include <pthread.h>
#include <stdlib.h>

/* How far the reader may run ahead: enough to ride out a slow commit on
 * either side, little enough that the memory held stays small (a commit
 * adding every task carries every report). */
#define FETCH_AHEAD 16

struct fetch {
	repo *r;
	const char *const *ids;
	size_t n, next;          /* next: the next commit to read */
	const char *first_prev;
	bool (*wanted)(const char *path);
	diag *d;
	bool threaded, stop, done;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;  /* the queue or stop/done changed */
	fetch_commit *queue[FETCH_AHEAD];
	size_t head, count;
};

static void read_blobs(fetch *f, fetch_commit *c)
{
	c->blobs = xcalloc(c->n ? c->n : 1, sizeof *c->blobs);
	c->blob_ok = xcalloc(c->n ? c->n : 1, sizeof *c->blob_ok);
	for (size_t i = 0; i < c->n; i++)
		if (c->changes[i].new_blob && f->wanted(c->changes[i].path))
			c->blob_ok[i] = repo_blob(f->r, c->changes[i].new_blob,
						  &c->blobs[i], f->d) == 0;
}

static fetch_commit *read_commit(fetch *f, size_t i)
{
	fetch_commit *c = xcalloc(1, sizeof *c);
	c->a = arena_new();
	c->id = f->ids[i];
	c->rc = repo_content_changes(f->r, i ? f->ids[i - 1] : f->first_prev,
				     c->id, c->a, &c->changes, &c->n, f->d);
	/* A commit that touches nothing under content needs nothing more. */
	if (c->rc == 0 && c->n)
		c->has_info = repo_commit_info(f->r, c->id, c->a, &c->info,
					       f->d) == 0;
	if (c->has_info)
		read_blobs(f, c);
	return c;
}

static void *reader(void *arg)
{
	fetch *f = arg;
	for (size_t i = 0; i < f->n; i++) {
		fetch_commit *c = read_commit(f, i);
		pthread_mutex_lock(&f->lock);
		while (f->count == FETCH_AHEAD && !f->stop)
			pthread_cond_wait(&f->changed, &f->lock);
		bool stop = f->stop;
		if (!stop) {
			f->queue[(f->head + f->count++) % FETCH_AHEAD] = c;
			pthread_cond_broadcast(&f->changed);
		}
		pthread_mutex_unlock(&f->lock);
		if (stop) {
			fetch_commit_free(c);
			break;
		}
	}
	pthread_mutex_lock(&f->lock);
	f->done = true;
	pthread_cond_broadcast(&f->changed);
	pthread_mutex_unlock(&f->lock);
	return NULL;
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
	f->threaded = n > 1 && pthread_create(&f->thread, NULL, reader, f) == 0;
	return f;
}

fetch_commit *fetch_next(fetch *f)
{
	if (!f->threaded)
		return f->next < f->n ? read_commit(f, f->next++) : NULL;
	pthread_mutex_lock(&f->lock);
	while (!f->count && !f->done)
		pthread_cond_wait(&f->changed, &f->lock);
	fetch_commit *c = NULL;
	if (f->count) {
		c = f->queue[f->head];
		f->head = (f->head + 1) % FETCH_AHEAD;
		f->count--;
		pthread_cond_broadcast(&f->changed);
	}
	pthread_mutex_unlock(&f->lock);
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
	arena_free(c->a);
	free(c);
}

void fetch_finish(fetch *f)
{
	if (f->threaded) {
		pthread_mutex_lock(&f->lock);
		f->stop = true;
		pthread_cond_broadcast(&f->changed);
		pthread_mutex_unlock(&f->lock);
		pthread_join(f->thread, NULL);
	}
	for (; f->count; f->count--, f->head = (f->head + 1) % FETCH_AHEAD)
		fetch_commit_free(f->queue[f->head]);
	pthread_cond_destroy(&f->changed);
	pthread_mutex_destroy(&f->lock);
	free(f);
}
