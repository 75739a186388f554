"""Configuration actions (``<entity>_<action>``): atomic, validated, each one audited."""
