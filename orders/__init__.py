"""Orders the court made, through their whole life: s23 dates, s24 notification, s26
reviews, s27 variation/renewal/discharge, s28 appeals (DESIGN §3 "Order")."""
