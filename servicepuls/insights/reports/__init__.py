"""The steering-group report: data (selector), figures (charts), PDF and Excel (renderers).

The three steps never mix (STYLE §8): ``data.steering_report_data_get`` is the only step
that touches the ORM; ``figures`` turns the data into charts; ``pdf`` and ``excel`` format.
"""
