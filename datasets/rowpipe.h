/*
 * rowpipe.h - (internal to datasets/) run a reader on a thread of its own, handing its tables to
 * a sink on the calling thread: reading (inflating, parsing) overlaps normalizing. With the
 * store's write-behind (lab_store_async_begin) an import then runs on three threads.
 *
 * The reader's rows are copied into batches (lab_chan.h); the sink sees the same calls, in the
 * same order, with the same fields, lengths, columns and lines as when called directly. Table
 * metadata and headers are copied too.
 *
 * Ownership: rctx is borrowed by the reader thread until rowpipe_run returns; everything passed
 * to the sink is borrowed for the call, as from any reader (lab_table.h).
 */
#ifndef LAB_ROWPIPE_H
#define LAB_ROWPIPE_H

#include "datasets/lab_table.h"

typedef lab_status (*rowpipe_reader)(void *rctx, const struct lab_sink *sink,
                                     struct lab_error *err);

/*
 * Call read(rctx, pipe_sink, err') on a new thread and forward what it reads to `sink` here.
 * Returns the first error: the sink's (the reader is then stopped at its next row), else the
 * reader's. LAB_ERR_NOMEM when the thread or its buffers cannot be had.
 */
lab_status rowpipe_run(rowpipe_reader read, void *rctx, const struct lab_sink *sink,
                       struct lab_error *err);

#endif
