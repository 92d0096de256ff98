/*
 * doc-labels.h - the label stage: paragraph numbers, headings and letters, and which to believe (doc-labels.c).
 * For the doc-*.c files only; the records are doc-lines.h's.
 */
#ifndef HAMISH_DOC_LABELS_H
#define HAMISH_DOC_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "doc-lines.h"

/* The label of one line into L (lab, value, offsets); borrowed. */
void		 dl_label_parse(struct dl_line *);
/* Parses every body line of d and keeps (keep) the labels that run in
 * sequence. */
void		 dl_labels(struct dl_doc *);

#endif
