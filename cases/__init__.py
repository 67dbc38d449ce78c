"""The KCPO case file: subjects, cases and (to come) occasions, convictions and evidence."""
