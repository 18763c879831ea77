"""Event names and payload dataclasses shared between modules. Standard library only.

Modules never import each other; when one needs to react to another, the producer publishes a
dataclass defined here and the consumer subscribes to it in its manifest.
"""
