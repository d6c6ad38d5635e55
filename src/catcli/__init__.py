"""catcli: which TikTok Shop Partner Center service categories may a partner offer?"""
