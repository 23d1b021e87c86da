// SPDX-License-Identifier: GPL-2.0
/* An unknown rule id in -disable is an error listing the rules. */
/* { dg-options "-fsyntax-only -fplugin-arg-refguard-disable=raw-set-count,raw-set" } */
/* { dg-error "unknown rule 'raw-set' \(rules: raw-set-count, direct-refcount" 0 } */
int x;
