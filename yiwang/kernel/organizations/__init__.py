"""Public bodies and their tree: county-level → town/street → village/community; departments and units."""
