"""newsbot spiders: one per outlet (data in ``newsbot.outlets``), a generic one and an aggregator one."""
