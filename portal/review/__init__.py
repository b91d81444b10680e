"""Translation review: packs for translators, sign-off, the status report and English alongside."""
