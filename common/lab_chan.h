/*
 * lab_chan.h - a bounded channel of batches from one producer thread to one consumer thread,
 * for the import pipeline (rows read on one thread, normalized on another, written on a third).
 *
 * The producer fills a batch (its own struct; the channel only passes pointers), sends it, and
 * takes the next one from the channel's spares or allocates it; the consumer receives, uses and
 * recycles batches. At most `depth` batches wait in the channel, so memory stays bounded and a
 * fast producer waits for a slow consumer. Either side may cancel: the producer's sends then
 * fail and the consumer's receives return NULL, so both stop early on an error.
 *
 * Ownership: the channel owns the batches queued in it and its spares and frees them with the
 * free function given to lab_chan_new(); a batch received or taken from the spares belongs to
 * the caller until it is sent or recycled.
 */
#ifndef LAB_CHAN_H
#define LAB_CHAN_H

#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

struct lab_chan;

/* A channel holding at most depth (>= 1) sent batches; LAB_ERR_NOMEM on failure. */
lab_status lab_chan_new(size_t depth, void (*free_batch)(void *batch), struct lab_chan **out);
/* Free the channel and every batch it still owns. Accepts NULL. No thread may still use it. */
void lab_chan_free(struct lab_chan *c);

/* Producer: queue batch, waiting while depth batches wait. false (batch not taken) once the
 * channel is cancelled. */
bool lab_chan_send(struct lab_chan *c, void *batch);
/* Producer: a recycled batch, or NULL when there is none (never waits). */
void *lab_chan_spare(struct lab_chan *c);
/* Producer: no more batches; the consumer's receives return NULL once the queue is empty. */
void lab_chan_close(struct lab_chan *c);

/* Consumer: the next batch, waiting for one; NULL when closed and empty, or cancelled. */
void *lab_chan_recv(struct lab_chan *c);
/* Consumer: hand a used batch back for the producer to reuse (freed when spares are full). */
void lab_chan_recycle(struct lab_chan *c, void *batch);

/* Either side: stop the exchange (wakes a waiting peer). */
void lab_chan_cancel(struct lab_chan *c);
bool lab_chan_cancelled(struct lab_chan *c);

#endif
