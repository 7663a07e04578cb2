"""``flexorch serve``: the FlexOrch API (the published flexorch-sdk's contract) in front of the
Beam job. The server stores uploads and metadata and queues work; the heavy work is the same
Beam pipeline as ``flexorch run``, started in a worker process."""
