// SPDX-License-Identifier: GPL-2.0
/* An unknown plugin option is an error naming it; gcc fails. */
/* { dg-options "-fsyntax-only -fplugin-arg-refguard-errors" } */
/* { dg-error "unknown option '-fplugin-arg-refguard-errors'" 0 } */
int x;
